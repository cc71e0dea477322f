namespace IpsecTun.Ike.Eap;

/// <summary>
/// The EAP peer an IKE initiator with auth-method=eap runs (RFC 7296 §2.16): each EAP packet the responder sends
/// in IKE_AUTH goes to <see cref="Process"/>, which answers with the Response to send, or with the end of the
/// conversation (EAP-Success with the MSK, EAP-Failure with the reason). Ike owns this interface so that it does
/// not depend on the EAP methods; the host implements it over them.
/// </summary>
public interface IEapClient : IDisposable
{
    /// <summary>Handles one EAP packet (header included) from the server; never <see cref="EapRoundKind.Pending"/>.</summary>
    EapRound Process(ReadOnlyMemory<byte> message);
}
