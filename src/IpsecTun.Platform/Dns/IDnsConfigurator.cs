using System.Net;

namespace IpsecTun.Platform.Dns;

/// <summary>
/// Hands the DNS servers and domains received through mode-config to the system's resolver while the
/// tunnel is up, and puts back what was there before on <see cref="Restore"/>.
/// </summary>
public interface IDnsConfigurator
{
    /// <param name="interfaceName">The tunnel's interface, which the servers are reached through.</param>
    /// <param name="servers">The DNS servers, in the order the peer sent them.</param>
    /// <param name="domains">Internal DNS domains (RFC 8598), or none: then every name goes to these servers.</param>
    void Apply(string interfaceName, IReadOnlyList<IPAddress> servers, IReadOnlyList<string> domains);

    /// <summary>Undoes <see cref="Apply"/>; does nothing when nothing was applied.</summary>
    void Restore();
}
