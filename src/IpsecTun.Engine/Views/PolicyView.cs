using IpsecTun.Engine.Control;
using IpsecTun.Esp;

namespace IpsecTun.Engine.Views;

/// <summary>
/// The policy menu in table order, with RouterOS's flags (T template, X disabled, D dynamic, A active)
/// and the manual's properties; a template shows only what templates use.
/// </summary>
public static class PolicyView
{
    public static IReadOnlyList<ViewRow> Build(IReadOnlyList<SecurityPolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        return [.. policies.Select(Row)];
    }

    private static ViewRow Row(SecurityPolicy policy)
    {
        bool active = policy.MatchesTraffic && policy.Ph2State == Ph2State.Established;
        var row = new RowBuilder()
            .Flag('T', policy.Template)
            .Flag('X', policy.Disabled)
            .Flag('D', policy.Dynamic)
            .Flag('A', active)
            .Add("comment", policy.Comment);
        if (policy.Template)
        {
            return row
                .Add("group", policy.Group)
                .Add("src-address", policy.Selector.Source)
                .Add("dst-address", policy.Selector.Destination)
                .Add("protocol", RouterOsText.Protocol(policy.Selector.Protocol))
                .Add("proposal", policy.Proposal)
                .Add("template", true)
                .Build();
        }

        return row
            .Add("peer", policy.Peer)
            .Add("tunnel", policy.Tunnel)
            .Add("src-address", policy.Selector.Source)
            .Add("src-port", RouterOsText.Ports(policy.Selector.SourcePorts))
            .Add("dst-address", policy.Selector.Destination)
            .Add("dst-port", RouterOsText.Ports(policy.Selector.DestinationPorts))
            .Add("protocol", RouterOsText.Protocol(policy.Selector.Protocol))
            .Add("action", Action(policy.Action))
            .Add("level", Level(policy.Level))
            .Add("ipsec-protocols", policy.Protocols == IpsecProtocols.Ah ? "ah" : "esp")
            .Add("sa-src-address", policy.SaSource)
            .Add("sa-dst-address", policy.SaDestination)
            .Add("proposal", policy.Proposal)
            .Add("ph2-state", Ph2(policy.Ph2State))
            .Add("ph2-count", policy.Ph2Count)
            .Add("active", active)
            .Add("dynamic", policy.Dynamic)
            .Add("template", false)
            .Build();
    }

    private static string Action(PolicyAction action) => action switch
    {
        PolicyAction.Discard => "discard",
        PolicyAction.None => "none",
        _ => "encrypt",
    };

    private static string Level(PolicyLevel level) => level switch
    {
        PolicyLevel.Unique => "unique",
        PolicyLevel.Use => "use",
        _ => "require",
    };

    private static string Ph2(Ph2State state) => state switch
    {
        Ph2State.Established => "established",
        Ph2State.Expired => "expired",
        _ => "no-phase2",
    };
}
