using System.Net;
using IpsecTun.Config;
using IpsecTun.Engine.Plan;

namespace IpsecTun.Engine.Runtime;

/// <summary>
/// What a run sets up once, at its start: the adapter's name and MTU, the UDP ports, the addresses its sockets are
/// bound to, and the replay window its Child SAs get. A reload that changes any of them is refused, one error each, named as loading names entries, rather than
/// swapped in and silently ignored (a peer on an address without a socket would never connect).
/// </summary>
internal static class RestartOnlyChanges
{
    private const string Restart = "takes effect only when ipsectun run starts again";

    public static IReadOnlyList<ConfigurationError> Between(EndpointPlan running, EndpointPlan next, SocketLayout bound)
    {
        EndpointSettings was = running.Configuration.Endpoint, now = next.Configuration.Endpoint;
        var errors = new List<ConfigurationError>();
        void Compare(string entry, string property, object before, object after)
        {
            if (!Equals(before, after))
            {
                errors.Add(new ConfigurationError(next.Source, entry, property, $"changed from {before} to {after}, which {Restart}"));
            }
        }

        Compare("ipsectun.interface", "name", was.Interface.Name, now.Interface.Name);
        Compare("ipsectun.interface", "mtu", was.Interface.Mtu, now.Interface.Mtu);
        Compare("ipsectun.listen", "ike-port", was.Listen.IkePort, now.Listen.IkePort);
        Compare("ipsectun.listen", "nat-t-port", was.Listen.NatTPort, now.Listen.NatTPort);
        Compare("ipsectun", "replay-window", was.ReplayWindow, now.ReplayWindow);

        var peerErrors = new PlanErrors(next.Configuration, next.Source);
        string boundText = string.Join(", ", bound.Addresses);
        foreach (IPAddress missing in SocketLayout.For(next).Addresses.Except(bound.Addresses))
        {
            bool wildcard = missing.Equals(IPAddress.Any) || missing.Equals(IPAddress.IPv6Any);
            PeerPlan? needing = next.Peers.FirstOrDefault(p => wildcard
                ? p.LocalAddress is null && (missing.Equals(IPAddress.Any) || p.Address.Prefix?.BaseAddress.AddressFamily == missing.AddressFamily)
                : missing.Equals(p.LocalAddress));
            if (needing is not null)
            {
                peerErrors.Peer(next.Configuration.Peer(needing.Name), missing.Equals(IPAddress.IPv6Any) ? "address" : "local-address",
                    $"needs sockets on {missing}, which this run did not open (it has {boundText}); they open when ipsectun run starts again");
            }
        }

        return [.. errors, .. peerErrors.ToImmutable()];
    }
}
