using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;

namespace IpsecTun.Ike.Tasks;

/// <summary>
/// The initiator's answer to a responder AUTH that does not verify (RFC 7296 §2.21.2): an INFORMATIONAL
/// request with AUTHENTICATION_FAILED and a DELETE of the IKE SA, so that the responder, which already
/// installed the first Child SA, tears everything down. The IKE SA fails once the request is answered.
/// Requests from the peer are <see cref="InformationalTask"/>'s, so this task only initiates.
/// </summary>
internal sealed class AuthenticationFailedTask : IkeTask
{
    public override ExchangeType Exchange => ExchangeType.Informational;

    public override void BuildRequest(IkeSa sa, List<Payload> payloads)
    {
        payloads.Add(new NotifyPayload(NotifyType.AuthenticationFailed));
        payloads.Add(DeletePayload.IkeSa());
        sa.MoveTo(IkeSaState.Deleting);
    }

    public override TaskOutcome ProcessResponse(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output) => TaskOutcome.Failed;

    public override void ProcessRequest(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output) =>
        throw new NotSupportedException("INFORMATIONAL requests are processed by InformationalTask.");

    public override void BuildResponse(IkeSa sa, List<Payload> payloads, IkeSaOutput output) =>
        throw new NotSupportedException("INFORMATIONAL requests are processed by InformationalTask.");
}
