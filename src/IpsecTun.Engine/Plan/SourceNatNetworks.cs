using System.Net.Sockets;
using IpsecTun.Config;
using IpsecTun.Core;

namespace IpsecTun.Engine.Plan;

/// <summary>
/// The local networks a mode-config client source-NATs to the address it receives: the enabled IPv4 entries of
/// the address list its mode-config's src-address-list names (RouterOS's firewall address lists are IPv4).
/// </summary>
public static class SourceNatNetworks
{
    /// <summary>The networks for <paramref name="peer"/>'s first enabled identity, the one it initiates with; empty when it has none.</summary>
    public static IReadOnlyList<IpPrefix> For(IpsecConfiguration configuration, string peer)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration.IdentitiesOf(peer).FirstOrDefault(i => !i.Disabled)?.ModeConfig is not { } name
            || configuration.ModeConfigs.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal)) is not { Responder: false, SrcAddressList: { } list })
        {
            return [];
        }

        return [.. configuration.AddressLists
            .Where(a => !a.Disabled && string.Equals(a.List, list, StringComparison.Ordinal) && a.Address.BaseAddress.AddressFamily == AddressFamily.InterNetwork)
            .Select(a => IpPrefix.FromNetwork(a.Address))
            .Distinct()];
    }

    /// <summary>True when some peer of the configuration source-NATs a local network.</summary>
    public static bool AnyIn(IpsecConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.Peers.Any(p => For(configuration, p.Name).Count > 0);
    }
}
