using System.Security.Cryptography;

namespace IpsecTun.Crypto;

/// <summary>SKEYSEED, the secret from which an IKE SA's keys are expanded (RFC 7296 §2.14 and §2.18).</summary>
public static class Skeyseed
{
    /// <summary>How many bytes of each nonce key the fixed-key-size AES PRFs (RFC 7296 §2.14).</summary>
    private const int AesPrfNonceBytes = 8;

    /// <summary>SKEYSEED = prf(Ni | Nr, g^ir) for a new IKE SA; writes <see cref="PrfAlgorithm.OutputSize"/> bytes.</summary>
    /// <remarks>
    /// For PRF_AES128_XCBC and PRF_AES128_CMAC only the first 64 bits of each nonce form the key, for
    /// compatibility with implementations of RFC 4306; prf+ still takes the whole nonces.
    /// </remarks>
    public static void Compute(
        PrfAlgorithm prf, ReadOnlySpan<byte> ni, ReadOnlySpan<byte> nr, ReadOnlySpan<byte> sharedSecret, Span<byte> skeyseed)
    {
        ArgumentNullException.ThrowIfNull(prf);
        CheckOutput(prf, skeyseed);
        if (prf.Id is PrfTransformId.Aes128Xcbc or PrfTransformId.Aes128Cmac)
        {
            ni = ni[..Math.Min(AesPrfNonceBytes, ni.Length)];
            nr = nr[..Math.Min(AesPrfNonceBytes, nr.Length)];
        }

        byte[] key = SecretConcatenation.Join(ni, nr);
        try
        {
            using KeyedHash mac = prf.Create(key);
            mac.Compute(sharedSecret, skeyseed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr) for the IKE SA that replaces one. The rekeying
    /// exchange belongs to the old SA, so <paramref name="oldPrf"/> is the old SA's PRF (RFC 7296 §2.18).
    /// </summary>
    public static void ComputeRekeyed(
        PrfAlgorithm oldPrf, ReadOnlySpan<byte> oldSkD, ReadOnlySpan<byte> newSharedSecret,
        ReadOnlySpan<byte> ni, ReadOnlySpan<byte> nr, Span<byte> skeyseed)
    {
        ArgumentNullException.ThrowIfNull(oldPrf);
        CheckOutput(oldPrf, skeyseed);
        byte[] message = SecretConcatenation.Join(newSharedSecret, ni, nr);
        try
        {
            using KeyedHash mac = oldPrf.Create(oldSkD);
            mac.Compute(message, skeyseed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(message);
        }
    }

    private static void CheckOutput(PrfAlgorithm prf, Span<byte> skeyseed)
    {
        if (skeyseed.Length != prf.OutputSize)
        {
            throw new ArgumentException($"SKEYSEED from {prf.Name} is {prf.OutputSize} bytes, not {skeyseed.Length}.", nameof(skeyseed));
        }
    }
}
