using IpsecTun.Core;

namespace IpsecTun.Engine.Runtime;

/// <summary>
/// The routes that send a policy's destination into the adapter while leaving the peers' own addresses on
/// the routes they had: the prefix is split into the halves that do not contain a peer, down to the peer's
/// own prefix, which stays out. So a 0.0.0.0/0 policy does not pull IKE and ESP into the tunnel.
/// </summary>
internal static class RouteExclusion
{
    public static List<IpPrefix> Exclude(IpPrefix prefix, IReadOnlyCollection<IpPrefix> excluded)
    {
        var routes = new List<IpPrefix>();
        Split(prefix, excluded, routes);
        return routes;
    }

    private static void Split(IpPrefix prefix, IReadOnlyCollection<IpPrefix> excluded, List<IpPrefix> routes)
    {
        if (excluded.Any(e => e.Contains(prefix)))
        {
            return;
        }

        if (!excluded.Any(prefix.Contains))
        {
            routes.Add(prefix);
            return;
        }

        int length = prefix.Length + 1;
        UInt128 half = UInt128.One << (IpAddressBits.BitLength(prefix.Version) - length);
        Split(new IpPrefix(prefix.Version, prefix.Address, length), excluded, routes);
        Split(new IpPrefix(prefix.Version, prefix.Address | half, length), excluded, routes);
    }
}
