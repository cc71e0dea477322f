using System.Net;
using System.Net.Sockets;

namespace IpsecTun.Engine.Runtime;

/// <summary>The system resolver.</summary>
public sealed class DnsHostNameResolver : IHostNameResolver
{
    public async Task<IPAddress[]> ResolveAsync(string hostName, CancellationToken cancellationToken)
    {
        try
        {
            return await Dns.GetHostAddressesAsync(hostName, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            return [];
        }
    }
}
