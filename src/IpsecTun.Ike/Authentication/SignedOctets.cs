using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Authentication;

/// <summary>
/// What AUTH covers (RFC 7296 §2.15): the sender's IKE_SA_INIT message as sent, the peer's nonce and
/// prf(SK_p, RestOfIDPayload) of the sender's ID, with SK_pi for the initiator and SK_pr for the responder.
/// </summary>
internal static class SignedOctets
{
    public static byte[] Build(PrfAlgorithm prf, ReadOnlySpan<byte> realMessage, ReadOnlySpan<byte> peerNonce, ReadOnlySpan<byte> skP, IdentificationPayload id)
    {
        byte[] idBody = new byte[id.GetBodySize()];
        id.WriteBody(idBody);
        byte[] octets = new byte[realMessage.Length + peerNonce.Length + prf.OutputSize];
        realMessage.CopyTo(octets);
        peerNonce.CopyTo(octets.AsSpan(realMessage.Length));
        using KeyedHash idMac = prf.Create(skP);
        idMac.Compute(idBody, octets.AsSpan(realMessage.Length + peerNonce.Length));
        return octets;
    }
}
