namespace IpsecTun.Esp;

/// <summary>
/// What happened to one outbound packet. For <see cref="OutboundVerdict.Send"/>, the packet starts with
/// the outer IP header of <see cref="IpHeaderLength"/> bytes: a UDP or raw socket sends what follows it
/// (for UDP encapsulation, after the 8-byte UDP header too).
/// </summary>
public readonly record struct OutboundResult(OutboundVerdict Verdict, SecurityPolicy? Policy, SecurityAssociation? Sa, IpsecCounter? DropReason, int IpHeaderLength)
{
    internal static OutboundResult Dropped(IpsecCounter reason, SecurityPolicy? policy = null, SecurityAssociation? sa = null) =>
        new(OutboundVerdict.Drop, policy, sa, reason, 0);
}
