using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;

namespace IpsecTun.Ike.Tasks;

/// <summary>
/// One exchange, written once for both roles: the initiator builds the request and processes the
/// response; the responder processes the request and builds the response. Tasks see only payloads;
/// message IDs, protection and retransmission belong to the <see cref="TaskManager"/> and the SA.
/// </summary>
internal abstract class IkeTask
{
    public abstract ExchangeType Exchange { get; }

    /// <summary>
    /// False after a responder answered without creating state (INVALID_KE_PAYLOAD, NO_PROPOSAL_CHOSEN):
    /// the answer is not cached and the message ID is not consumed.
    /// </summary>
    public virtual bool KeepsState => true;

    /// <summary>
    /// Work an initiator does just before its request is built that may show this side cannot go on (signing
    /// our AUTH); the reason, recorded as the SA's failure, or null to build and send the request.
    /// </summary>
    public virtual IkeSaFailure? Prepare(IkeSa sa) => null;

    public abstract void BuildRequest(IkeSa sa, List<Payload> payloads);

    public abstract TaskOutcome ProcessResponse(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output);

    public abstract void ProcessRequest(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output);

    public abstract void BuildResponse(IkeSa sa, List<Payload> payloads, IkeSaOutput output);

    protected static NotifyPayload? FindError(IReadOnlyList<Payload> payloads) =>
        payloads.OfType<NotifyPayload>().FirstOrDefault(n => n.IsError);

    protected static T? Find<T>(IReadOnlyList<Payload> payloads)
        where T : Payload => payloads.OfType<T>().FirstOrDefault();

    protected static TrafficSelectorPayload? FindSelectors(IReadOnlyList<Payload> payloads, PayloadType type) =>
        payloads.OfType<TrafficSelectorPayload>().FirstOrDefault(p => p.Type == type);
}
