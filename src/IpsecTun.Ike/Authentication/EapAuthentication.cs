using System.Security.Cryptography;
using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;

namespace IpsecTun.Ike.Authentication;

/// <summary>
/// The AUTH payloads that end an EAP exchange (RFC 7296 §2.16): the shared-key MIC of §2.15 over each side's
/// signed octets, keyed by the MSK; a method that derives no MSK keys it with SK_pi for the initiator's AUTH
/// and SK_pr for the responder's, as strongSwan and the RFC's key-less case do.
/// </summary>
internal static class EapAuthentication
{
    /// <summary>Our AUTH over our ID payload of the first IKE_AUTH message.</summary>
    public static AuthenticationPayload Own(IkeSa sa, IdentificationPayload ownId, ReadOnlySpan<byte> msk)
    {
        PrfAlgorithm prf = sa.Transforms!.Prf!;
        byte[] octets = sa.IsInitiator
            ? SignedOctets.Build(prf, sa.InitRequest, sa.NonceR, sa.Keys.SkPi, ownId)
            : SignedOctets.Build(prf, sa.InitResponse, sa.NonceI, sa.Keys.SkPr, ownId);
        ReadOnlySpan<byte> secret = msk.IsEmpty ? (sa.IsInitiator ? sa.Keys.SkPi : sa.Keys.SkPr) : msk;
        return new AuthenticationPayload(AuthMethod.SharedKeyMessageIntegrityCode, PskAuthentication.Compute(prf, secret, octets));
    }

    /// <summary>Whether the peer's AUTH over its ID payload is the MIC the MSK gives.</summary>
    public static bool Verify(IkeSa sa, IdentificationPayload peerId, AuthenticationPayload auth, ReadOnlySpan<byte> msk)
    {
        if (auth.Method != AuthMethod.SharedKeyMessageIntegrityCode)
        {
            return false;
        }

        PrfAlgorithm prf = sa.Transforms!.Prf!;
        byte[] octets = sa.IsInitiator
            ? SignedOctets.Build(prf, sa.InitResponse, sa.NonceI, sa.Keys.SkPr, peerId)
            : SignedOctets.Build(prf, sa.InitRequest, sa.NonceR, sa.Keys.SkPi, peerId);
        ReadOnlySpan<byte> secret = msk.IsEmpty ? (sa.IsInitiator ? sa.Keys.SkPr : sa.Keys.SkPi) : msk;
        byte[] expected = PskAuthentication.Compute(prf, secret, octets);
        return CryptographicOperations.FixedTimeEquals(expected, auth.Data.Span);
    }
}
