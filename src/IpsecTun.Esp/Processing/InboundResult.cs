namespace IpsecTun.Esp;

/// <summary>What happened to one inbound packet, and through which SA.</summary>
public readonly record struct InboundResult(InboundVerdict Verdict, SecurityAssociation? Sa, IpsecCounter? DropReason)
{
    internal static InboundResult Dropped(IpsecCounter reason, SecurityAssociation? sa = null) => new(InboundVerdict.Drop, sa, reason);
}
