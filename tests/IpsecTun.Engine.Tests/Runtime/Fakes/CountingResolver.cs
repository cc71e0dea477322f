using System.Net;
using IpsecTun.Engine.Runtime;

namespace IpsecTun.Engine.Tests.Runtime.Fakes;

/// <summary>
/// Resolves one name, with the next of <c>answers</c> at each lookup and the last one from then on (a name
/// whose address changes), and counts the lookups.
/// </summary>
internal sealed class CountingResolver(string name, IReadOnlyList<IPAddress[]> answers) : IHostNameResolver
{
    private int _lookups;

    /// <summary>Each answer one address.</summary>
    public CountingResolver(string name, params IPAddress[] answers)
        : this(name, [.. answers.Select(a => new[] { a })])
    {
    }

    public int Lookups => Volatile.Read(ref _lookups);

    public Task<IPAddress[]> ResolveAsync(string hostName, CancellationToken cancellationToken)
    {
        int lookup = Interlocked.Increment(ref _lookups);
        return Task.FromResult(hostName == name ? answers[Math.Min(lookup, answers.Count) - 1] : []);
    }
}
