using System.Net;
using IpsecTun.Platform.Dns;

namespace IpsecTun.Engine.Tests.Runtime.Fakes;

/// <summary>Records what the endpoint handed to the system's resolver and whether it was put back.</summary>
internal sealed class RecordingDns : IDnsConfigurator
{
    private readonly Lock _lock = new();

    /// <summary>The interface, servers and domains in place now; null when nothing is applied.</summary>
    public (string Interface, string[] Servers, string[] Domains)? Current { get; private set; }

    public int Restores { get; private set; }

    public void Apply(string interfaceName, IReadOnlyList<IPAddress> servers, IReadOnlyList<string> domains)
    {
        lock (_lock)
        {
            Current = (interfaceName, [.. servers.Select(s => s.ToString())], [.. domains]);
        }
    }

    public void Restore()
    {
        lock (_lock)
        {
            Current = null;
            Restores++;
        }
    }
}
