using System.Security.Cryptography;
using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Sa;

/// <summary>
/// The shared-key AUTH value of RFC 7296 §2.15:
/// prf(prf(Shared Secret, "Key Pad for IKEv2"), RealMessage | Nonce | prf(SK_p, RestOfIDPayload)).
/// </summary>
internal static class PskAuthentication
{
    private static readonly byte[] KeyPad = "Key Pad for IKEv2"u8.ToArray();

    public static byte[] Compute(
        PrfAlgorithm prf, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> realMessage, ReadOnlySpan<byte> peerNonce,
        ReadOnlySpan<byte> skP, IdentificationPayload id)
    {
        byte[] idBody = new byte[id.GetBodySize()];
        id.WriteBody(idBody);
        byte[] macedId = new byte[prf.OutputSize];
        using (KeyedHash idMac = prf.Create(skP))
        {
            idMac.Compute(idBody, macedId);
        }

        Span<byte> padKey = stackalloc byte[prf.OutputSize];
        try
        {
            using (KeyedHash secretMac = prf.Create(secret))
            {
                secretMac.Compute(KeyPad, padKey);
            }

            byte[] auth = new byte[prf.OutputSize];
            using KeyedHash authMac = prf.Create(padKey);
            authMac.Append(realMessage);
            authMac.Append(peerNonce);
            authMac.Append(macedId);
            authMac.Finish(auth);
            return auth;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(padKey);
        }
    }
}
