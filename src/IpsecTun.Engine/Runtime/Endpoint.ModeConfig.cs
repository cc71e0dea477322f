using System.ComponentModel;
using System.Net;
using IpsecTun.Core;
using IpsecTun.Engine.Plan;
using IpsecTun.Esp;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;
using IkeSelector = IpsecTun.Ike.Messages.TrafficSelector;

namespace IpsecTun.Engine.Runtime;

/// <summary>
/// The mode-config client: what the peer assigned in IKE_AUTH is applied before the first Child SA goes in
/// (virtual address on the adapter, a dynamic policy from it to each split-include network, or to everything
/// when there are none, routes, DNS) and undone when the peer's last IKE SA ends. A full tunnel also takes
/// the families it has no address for into the adapter and discards them there, so nothing leaves
/// unprotected; the peer's own address and the local networks keep their routes.
/// </summary>
public sealed partial class Endpoint
{
    private const string ModeConfigComment = "ipsec mode-config";

    /// <summary>The Child SA host for a new initiator: for a mode-config client, one that applies the result first.</summary>
    private IChildSaHost ChildSaHostFor(PeerRuntime peer, out InstallingChildSaHost? installing)
    {
        installing = peer.Plan.ModeConfigClient is null ? null : new InstallingChildSaHost(ChildSas);
        return installing ?? (IChildSaHost)ChildSas;
    }

    /// <summary>Applies the result the entry's IKE SA holds, unless the peer runs with the same values already.</summary>
    private void ApplyModeConfig(IkeSaEntry entry)
    {
        if (entry.Peer is not { Plan.ModeConfigClient: not null } peer || entry.Sa.ModeConfig is not { } result || _stopping)
        {
            return;
        }

        if (peer.ModeConfig is { } current)
        {
            if (current.Result.SameValues(result))
            {
                return;
            }

            ReleaseModeConfig(peer);
        }

        if (result.Addresses.Count == 0)
        {
            EndpointLog.Problem(_log, peer.Name, "mode-config: the peer assigned no address, so there is nothing to send from");
            return;
        }

        var session = new ModeConfigSession(result, entry.Sa.Remote.Address);
        peer.ModeConfig = session;
        int index = _environment.Tun.InterfaceIndex;
        foreach (IPAddress address in result.Addresses)
        {
            int length = IpAddressBits.BitLength(IpAddressBits.VersionOf(address));
            if (TryConfigure(peer, $"adding address {address}", () => _environment.Configurator.AddAddress(index, address, length)))
            {
                session.Addresses.Add((address, length));
            }
        }

        AddModeConfigPolicies(peer, entry.Sa, session);
        TryConfigure(peer, "routing the mode-config networks", UpdateRoutes);
        if (result.DnsServers.Count > 0 && _environment.Dns is { } dns)
        {
            session.DnsApplied = TryConfigure(peer, "setting DNS", () => dns.Apply(_environment.Tun.Name, result.DnsServers, result.DnsDomains));
        }

        EndpointLog.ModeConfigApplied(_log, peer.Name, _environment.Tun.Name, result);
    }

    /// <summary>
    /// An encrypt policy (dynamic, level unique, as RouterOS makes them) from the virtual address to each
    /// network, at the top of the table in the order received; in a full tunnel a discard policy for each
    /// family without a virtual address, at the bottom, below anything configured.
    /// </summary>
    private void AddModeConfigPolicies(PeerRuntime peer, IkeSa sa, ModeConfigSession session)
    {
        ModeConfigResult result = session.Result;
        List<IpPrefix> networks = [.. result.SplitNetworks.Select(IpPrefix.FromNetwork).Distinct()];
        bool fullTunnel = networks.Count == 0 || networks.Any(n => n.Length == 0);
        if (networks.Count == 0)
        {
            networks.AddRange(result.Addresses.Select(a => IpPrefix.Any(IpAddressBits.VersionOf(a))).Distinct());
        }

        foreach (IpPrefix network in networks)
        {
            IPAddress? source = result.Addresses.FirstOrDefault(a => IpAddressBits.VersionOf(a) == network.Version);
            if (source is null)
            {
                EndpointLog.Problem(_log, peer.Name, $"mode-config: split-include {network} has no virtual address of its family and is left out");
                continue;
            }

            var policy = new SecurityPolicy(new TrafficSelector(IpPrefix.FromAddress(source), network))
            {
                Action = PolicyAction.Encrypt,
                Level = PolicyLevel.Unique,
                Tunnel = true,
                SaSource = sa.Local.Address,
                SaDestination = sa.Remote.Address,
                Dynamic = true,
                Peer = peer.Name,
                Comment = ModeConfigComment,
            };
            Spd.Insert(session.Policies.Count, policy);
            session.Policies.Add(policy);
            session.Children[policy] = peer.Plan.Settings.Child with
            {
                LocalSelectors = [Selector(policy.Selector.Source)],
                RemoteSelectors = [Selector(network)],
            };
            session.Routed.Add(network);
        }

        if (!fullTunnel)
        {
            return;
        }

        foreach (byte version in new byte[] { 4, 6 }.Where(v => !result.Addresses.Any(a => IpAddressBits.VersionOf(a) == v)))
        {
            var block = new SecurityPolicy(new TrafficSelector(IpPrefix.Any(version), IpPrefix.Any(version)))
            {
                Action = PolicyAction.Discard,
                Dynamic = true,
                Peer = peer.Name,
                Comment = ModeConfigComment,
            };
            Spd.Add(block);
            session.Blocks.Add(block);
            session.Routed.Add(IpPrefix.Any(version));
        }
    }

    /// <summary>Undoes the peer's mode-config: DNS, policies (and the packets they held), routes, addresses.</summary>
    private void ReleaseModeConfig(PeerRuntime peer)
    {
        if (peer.ModeConfig is not { } session)
        {
            return;
        }

        peer.ModeConfig = null;
        if (session.DnsApplied && _environment.Dns is { } dns)
        {
            TryConfigure(peer, "restoring DNS", dns.Restore);
        }

        foreach (SecurityPolicy policy in session.Policies.Concat(session.Blocks))
        {
            Spd.Remove(policy);
            DropHeldFor(policy);
        }

        TryConfigure(peer, "removing the mode-config routes", UpdateRoutes);
        int index = _environment.Tun.InterfaceIndex;
        foreach ((IPAddress address, int length) in session.Addresses)
        {
            TryConfigure(peer, $"removing address {address}", () => _environment.Configurator.RemoveAddress(index, address, length));
        }

        EndpointLog.ModeConfigReleased(_log, peer.Name, session.Result);
    }

    /// <summary>Releases the peer's mode-config once none of its IKE SAs is left.</summary>
    private void ReleaseModeConfigIfUnused(PeerRuntime? peer)
    {
        if (peer is not null && !_ikeSas.Values.Any(e => e.Peer == peer))
        {
            ReleaseModeConfig(peer);
        }
    }

    /// <summary>
    /// The routes of every applied mode-config: each network minus the peers (this session's gateway among
    /// them); a whole family also minus the local networks, and split in halves so it beats the default route
    /// whatever its metric.
    /// </summary>
    private List<IpPrefix> ModeConfigRoutes(IReadOnlyCollection<IpPrefix> peers)
    {
        var routes = new List<IpPrefix>();
        List<IpPrefix>? local = null;
        foreach (ModeConfigSession session in _peers.Values.Select(p => p.ModeConfig).OfType<ModeConfigSession>())
        {
            List<IpPrefix> gateway = [.. peers, IpPrefix.FromAddress(session.Gateway)];
            foreach (IpPrefix network in session.Routed)
            {
                if (network.Length > 0)
                {
                    routes.AddRange(RouteExclusion.Exclude(network, gateway));
                    continue;
                }

                local ??= [.. _environment.Network.LocalNetworks(_environment.Tun.Name).Select(IpPrefix.FromNetwork)];
                List<IpPrefix> excluded = [.. gateway, .. local];
                UInt128 half = UInt128.One << (IpAddressBits.BitLength(network.Version) - 1);
                routes.AddRange(RouteExclusion.Exclude(new IpPrefix(network.Version, UInt128.Zero, 1), excluded));
                routes.AddRange(RouteExclusion.Exclude(new IpPrefix(network.Version, half, 1), excluded));
            }
        }

        return routes;
    }

    /// <summary>
    /// The Child SA to ask for when <paramref name="policy"/> has none, or null when none should be asked for:
    /// for a mode-config policy one from the virtual address to its network (so each split-include network
    /// gets its own SA, as RouterOS asks for them), unless the peer already narrowed such a request to part
    /// of the network; otherwise the policy's own settings, for a dynamic policy the peer's first. Never twice
    /// while the same request is under way.
    /// </summary>
    private static IkeSaOutput? RequestChildSa(IkeSaEntry entry, PeerRuntime peer, SecurityPolicy policy)
    {
        ChildSaSettings child;
        if (peer.ModeConfig is { } session && session.Children.TryGetValue(policy, out ChildSaSettings? forNetwork))
        {
            if (Narrowed(entry.Sa, policy.Selector.Destination))
            {
                return null;
            }

            child = forNetwork;
        }
        else
        {
            child = peer.Plan.Children.FirstOrDefault(c => c.Policy == policy)?.Settings ?? peer.Plan.Settings.Child;
        }

        return entry.Sa.IsCreating(child) ? null : entry.Sa.CreateChildSa(child);
    }

    /// <summary>
    /// An active peer (passive=no) brings up phase 2 for the policies mode-config created: a Child SA for each
    /// network that the Child SA of IKE_AUTH does not reach.
    /// </summary>
    private void RequestModeConfigChildren(IkeSaEntry entry)
    {
        if (entry.Peer is not { Plan.Passive: false, ModeConfig: { } session } peer || entry.Sa.State != IkeSaState.Established)
        {
            return;
        }

        foreach (SecurityPolicy policy in session.Policies.Where(p => p.OutboundSa is null))
        {
            if (RequestChildSa(entry, peer, policy) is { } request)
            {
                Execute(entry, request);
            }
        }
    }

    /// <summary>True when a Child SA of <paramref name="sa"/> reaches only part of <paramref name="network"/>: the peer narrowed it.</summary>
    private static bool Narrowed(IkeSa sa, IpPrefix network) =>
        sa.ChildSas.Any(c => c.RemoteSelectors.Any(s => s.IsAddressRange && s.StartAddress is { } start && s.EndAddress is { } end
            && SelectorConversion.CoveringPrefix(start, end) is var reached && network.Contains(reached) && reached != network));

    private static IkeSelector Selector(IpPrefix prefix) => PolicyMapper.AnySelector(prefix.ToNetwork());

    /// <summary>Runs one change to the system; a refusal is logged against the peer and the rest goes on.</summary>
    private bool TryConfigure(PeerRuntime peer, string what, Action change)
    {
        try
        {
            change();
            return true;
        }
        catch (Exception e) when (e is Win32Exception or IOException or UnauthorizedAccessException or InvalidOperationException or NotSupportedException)
        {
            EndpointLog.Problem(_log, peer.Name, $"mode-config: {what} failed: {e.Message}");
            return false;
        }
    }
}
