namespace IpsecTun.Ike.Eap;

/// <summary>
/// The EAP server behind an IKE responder that requires EAP from the initiator: a local user store or a RADIUS
/// server (RFC 3579). <see cref="Start"/> opens the conversation, <see cref="Process"/> takes each EAP Response.
/// Either may answer <see cref="EapRoundKind.Pending"/> and deliver the round later through
/// <see cref="Sa.IkeSa.ResumeEap"/> on the thread that drives the IKE SA.
/// </summary>
public interface IEapAuthenticator : IDisposable
{
    EapRound Start();

    EapRound Process(ReadOnlyMemory<byte> message);
}
