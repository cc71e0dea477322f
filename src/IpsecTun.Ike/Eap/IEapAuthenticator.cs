namespace IpsecTun.Ike.Eap;

/// <summary>
/// The EAP server behind an IKE responder that requires EAP from the initiator: a local user store or a RADIUS
/// server (RFC 3579). <see cref="Start"/> opens the conversation, <see cref="Process"/> takes each EAP Response.
/// Either may answer <see cref="EapRoundKind.Pending"/>; the round then arrives later, either handed to
/// <see cref="Sa.IkeSa.ResumeEap"/> by the host or picked up by <see cref="Sa.IkeSa.Tick"/> through <see cref="Poll"/>,
/// both on the thread that drives the IKE SA.
/// </summary>
public interface IEapAuthenticator : IDisposable
{
    EapRound Start();

    EapRound Process(ReadOnlyMemory<byte> message);

    /// <summary>The round that was <see cref="EapRoundKind.Pending"/>, once it is ready; null until then. Called from any thread's tick.</summary>
    EapRound? Poll() => null;

    /// <summary>
    /// Why this server has failed the conversation while its last Request (a TLS alert) still waits for an
    /// answer; null otherwise. Reported when the initiator gives up instead of answering.
    /// </summary>
    string? PendingFailure => null;
}
