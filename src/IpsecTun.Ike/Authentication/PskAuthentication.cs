using System.Security.Cryptography;
using IpsecTun.Crypto;

namespace IpsecTun.Ike.Authentication;

/// <summary>
/// The shared-key AUTH value of RFC 7296 §2.15: prf(prf(Shared Secret, "Key Pad for IKEv2"), signed octets),
/// the octets being those of <see cref="SignedOctets"/>.
/// </summary>
internal static class PskAuthentication
{
    private static readonly byte[] KeyPad = "Key Pad for IKEv2"u8.ToArray();

    public static byte[] Compute(PrfAlgorithm prf, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> signedOctets)
    {
        Span<byte> padKey = stackalloc byte[prf.OutputSize];
        try
        {
            using (KeyedHash secretMac = prf.Create(secret))
            {
                secretMac.Compute(KeyPad, padKey);
            }

            byte[] auth = new byte[prf.OutputSize];
            using KeyedHash authMac = prf.Create(padKey);
            authMac.Compute(signedOctets, auth);
            return auth;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(padKey);
        }
    }
}
