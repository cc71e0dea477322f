using System.Security.Cryptography;

namespace IpsecTun.Crypto;

/// <summary>
/// The rules by which the AES-128 PRFs accept keys of any length, as IKEv2 requires of a PRF (SKEYSEED
/// is keyed with Ni | Nr, which is rarely 16 bytes).
/// </summary>
internal static class AesPrfKeys
{
    /// <summary>PRF_AES128_XCBC (RFC 4434 §2): shorter keys are zero-padded, longer ones become AES-XCBC-MAC(0^128, key).</summary>
    public static KeyedHash CreateXcbcPrf(ReadOnlySpan<byte> key) => Create(key, AesCbcMac.CreateXcbc, zeroPadsShortKeys: true);

    /// <summary>PRF_AES128_CMAC (RFC 4615 §3): any key that is not 16 bytes becomes AES-CMAC(0^128, key).</summary>
    public static KeyedHash CreateCmacPrf(ReadOnlySpan<byte> key) => Create(key, AesCbcMac.CreateCmac, zeroPadsShortKeys: false);

    private static AesCbcMac Create(ReadOnlySpan<byte> key, Func<ReadOnlySpan<byte>, AesCbcMac> createMac, bool zeroPadsShortKeys)
    {
        if (key.Length == AesCbcMac.BlockSize)
        {
            return createMac(key);
        }

        Span<byte> derived = stackalloc byte[AesCbcMac.BlockSize];
        derived.Clear();
        try
        {
            if (zeroPadsShortKeys && key.Length < AesCbcMac.BlockSize)
            {
                key.CopyTo(derived);
            }
            else
            {
                using AesCbcMac zeroKeyed = createMac(derived);
                zeroKeyed.Compute(key, derived);
            }

            return createMac(derived);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(derived);
        }
    }
}
