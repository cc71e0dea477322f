using System.Net;
using IpsecTun.Engine.Runtime;

namespace IpsecTun.Engine.Tests.Runtime.Fakes;

/// <summary>Resolves one name to one address and counts the lookups.</summary>
internal sealed class CountingResolver(string name, IPAddress address) : IHostNameResolver
{
    private int _lookups;

    public int Lookups => Volatile.Read(ref _lookups);

    public Task<IPAddress[]> ResolveAsync(string hostName, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lookups);
        return Task.FromResult<IPAddress[]>(hostName == name ? [address] : []);
    }
}
