using IpsecTun.Core;

namespace IpsecTun.Esp;

public sealed partial class IpsecWorker
{
    /// <summary>
    /// The inbound policy check after decapsulation (RFC 4301 §5.2): the inner packet must fall within the
    /// selectors of the policy its SA serves. Otherwise the policy table decides which counter the drop
    /// goes to: none matches (in-no-policies), a discard policy matches (in-policy-blocked), or a policy
    /// matches that this SA does not serve (in-template-mismatches).
    /// </summary>
    private InboundResult CheckPolicy(SecurityAssociation sa, PacketBuffer packet)
    {
        if (!FlowKey.TryRead(packet.Data, out FlowKey key))
        {
            return InboundResult.Dropped(IpsecCounter.InStateModeErrors, sa);
        }

        if (sa.InboundSelector is TrafficSelector selector && selector.Matches(key))
        {
            return new InboundResult(InboundVerdict.Deliver, sa, null);
        }

        SecurityPolicy? policy = _spd.FindInbound(key);
        if (policy is null)
        {
            return InboundResult.Dropped(IpsecCounter.InNoPolicies, sa);
        }

        return policy.Action switch
        {
            PolicyAction.Discard => InboundResult.Dropped(IpsecCounter.InPolicyBlocked, sa),
            PolicyAction.None => new InboundResult(InboundVerdict.Deliver, sa, null),
            _ when sa.Policy is null && Serves(policy, sa) => new InboundResult(InboundVerdict.Deliver, sa, null),
            _ => InboundResult.Dropped(IpsecCounter.InTemplateMismatches, sa),
        };
    }

    /// <summary>Whether an SA installed without a policy has the protocol and mode the matching policy asks for.</summary>
    private static bool Serves(SecurityPolicy policy, SecurityAssociation sa) =>
        (policy.Protocols & sa.Protocol) != 0 && policy.Tunnel == (sa.Mode == SaMode.Tunnel);
}
