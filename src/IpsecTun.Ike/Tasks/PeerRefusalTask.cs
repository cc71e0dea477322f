using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;

namespace IpsecTun.Ike.Tasks;

/// <summary>
/// An INFORMATIONAL request that arrives while IKE_AUTH is still running, as an initiator sends one with
/// AUTHENTICATION_FAILED when it gives up during EAP (RFC 7296 §2.21.2; strongSwan after a failed MS-CHAPv2):
/// the reason is reported, the empty response sent, and the half-authenticated SA ends.
/// </summary>
internal sealed class PeerRefusalTask : IkeTask
{
    private bool _refused;

    public override ExchangeType Exchange => ExchangeType.Informational;

    public override void BuildRequest(IkeSa sa, List<Payload> payloads) =>
        throw new NotSupportedException("The refusal of an authentication is only received.");

    public override TaskOutcome ProcessResponse(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output) =>
        throw new NotSupportedException("The refusal of an authentication is only received.");

    public override void ProcessRequest(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output)
    {
        _refused = payloads.OfType<NotifyPayload>().Any(n => n.NotifyType == NotifyType.AuthenticationFailed);
        if (_refused)
        {
            string during = sa.EapResponder is null ? "IKE_AUTH" : "EAP authentication";
            string reason = sa.EapResponder?.PendingFailure is { } ours
                ? $"the initiator gave up during {during} after our EAP server failed it: {ours}"
                : $"the initiator gave up during {during}: it sent AUTHENTICATION_FAILED (a wrong password or an EAP method it refused)";
            sa.FailAuthentication(IkeSaFailureKind.RejectedByPeer, reason, output);
        }
    }

    public override void BuildResponse(IkeSa sa, List<Payload> payloads, IkeSaOutput output)
    {
        if (_refused)
        {
            sa.Close(output, IkeSaState.Failed);
        }
    }
}
