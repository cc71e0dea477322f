using IpsecTun.Config.Loading;
using IpsecTun.Config.Values;

namespace IpsecTun.Config.Validation;

internal sealed partial class ConfigurationValidator
{
    private void CheckPeer(Located<Peer> peer)
    {
        CheckReference(peer.Origin, "profile", peer.Value.Profile, Names(entries.Profiles, p => p.Name), "ip.ipsec.profile");
    }

    private void CheckPolicy(Located<Policy> located)
    {
        var (policy, origin) = (located.Value, located.Origin);
        CheckReference(origin, "proposal", policy.Proposal, Names(entries.Proposals, p => p.Name), "ip.ipsec.proposal");
        CheckReference(origin, "group", policy.Group, Names(entries.PolicyGroups, g => g.Name), "ip.ipsec.policy-group");
        CheckReference(origin, "peer", policy.Peer, Names(entries.Peers, p => p.Name), "ip.ipsec.peer");
        if (!policy.Template && policy.Action == PolicyAction.Encrypt && policy.Peer is null)
        {
            origin.Error("peer", "is required for action=encrypt: the peer whose SAs protect this traffic (or make it a template=yes)");
        }

        // RouterOS's any-address template (::/0) stands for both families; other pairs must agree.
        var anyTemplate = policy.Template && (policy.SrcAddress.PrefixLength == 0 || policy.DstAddress.PrefixLength == 0);
        if (!anyTemplate && policy.SrcAddress.BaseAddress.AddressFamily != policy.DstAddress.BaseAddress.AddressFamily)
        {
            origin.Error("dst-address", $"{policy.DstAddress} is not of the family of src-address {policy.SrcAddress}; a policy matches IPv4 or IPv6, not both");
        }

        foreach (var (property, port) in new[] { ("src-port", policy.SrcPort), ("dst-port", policy.DstPort) })
        {
            if (port is not null && (policy.Protocol is not { } protocol || !IpProtocolNames.WithPorts.Contains(protocol)))
            {
                origin.Error(property, "matches ports only with protocol tcp, udp, udp-lite, sctp or dccp; set protocol or use any");
            }
        }
    }

    private void CheckModeConfig(Located<ModeConfig> located)
    {
        var (modeConfig, origin) = (located.Value, located.Origin);
        CheckReference(origin, "address-pool", modeConfig.AddressPool, Names(entries.Pools, p => p.Name), "ip.pool");
        CheckReference(origin, "src-address-list", modeConfig.SrcAddressList,
            [.. entries.AddressLists.Select(a => a.Value.List).Where(l => l.Length > 0).Distinct()], "ip.firewall.address-list");
        if (modeConfig.Address is not null && modeConfig.AddressPool is not null)
        {
            origin.Error("address", "and address-pool are alternatives: give a single address or a pool, not both");
        }

        if (modeConfig.SrcAddressList is not null && modeConfig.Responder)
        {
            origin.Error("src-address-list", "is only for an initiator (responder=no): it source-NATs local networks to the address received");
        }

        if (!modeConfig.Responder && (modeConfig.Address is not null || modeConfig.AddressPool is not null))
        {
            origin.Error(modeConfig.Address is not null ? "address" : "address-pool",
                "is handed out by a responder; this entry has responder=no and requests its address instead");
        }

        if (modeConfig.SystemDns && !modeConfig.StaticDns.IsEmpty)
        {
            origin.Error("static-dns", "cannot be used with system-dns=yes; set system-dns=no");
        }
    }
}
