using System.Net;
using System.Net.Sockets;
using IpsecTun.Engine.Plan;

namespace IpsecTun.Engine.Runtime;

/// <summary>
/// The addresses a plan's sockets are bound to: each peer's local-address, and the wildcard when a peer has none
/// (or there is no peer), with IPv6's wildcard too when a peer is IPv6, or where the system has IPv6
/// (<see cref="Ipv6IfAvailable"/>) when a peer without local-address is named by DNS, whose name may resolve to
/// either family. <see cref="Shared"/>: specific and wildcard sockets share the ports. Sockets are opened once per
/// run, so a reload can only use what the start's layout bound.
/// </summary>
internal sealed record SocketLayout(IReadOnlyList<IPAddress> Addresses, bool Shared, bool Ipv6IfAvailable = false)
{
    /// <summary>Whether an IPv6 wildcard socket is (or may be) among them.</summary>
    public bool HasIpv6Wildcard => Ipv6IfAvailable || Addresses.Contains(IPAddress.IPv6Any);

    public static SocketLayout For(EndpointPlan plan)
    {
        List<IPAddress> specific = [.. plan.Peers.Select(p => p.LocalAddress).OfType<IPAddress>().Distinct()];
        var addresses = new List<IPAddress>(specific);
        bool wildcard = plan.Peers.Count == 0 || plan.Peers.Any(p => p.LocalAddress is null);
        bool ipv6IfAvailable = false;
        if (wildcard)
        {
            addresses.Add(IPAddress.Any);
            if (plan.Peers.Any(p => p.Address.Prefix?.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6))
            {
                addresses.Add(IPAddress.IPv6Any);
            }
            else
            {
                ipv6IfAvailable = plan.Peers.Any(p => p.Address.HostName is not null && p.LocalAddress is null);
            }
        }

        return new SocketLayout(addresses, wildcard && specific.Count > 0, ipv6IfAvailable);
    }
}
