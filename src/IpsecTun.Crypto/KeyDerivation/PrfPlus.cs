using System.Security.Cryptography;

namespace IpsecTun.Crypto;

/// <summary>
/// prf+ (RFC 7296 §2.13): T1 = prf(K, S | 0x01), Tn = prf(K, Tn-1 | S | n), output T1 | T2 | ... cut to
/// length. Writes straight into the caller's span and allocates nothing.
/// </summary>
public static class PrfPlus
{
    /// <summary>The counter is one octet, so prf+ runs at most 255 times.</summary>
    public const int MaxIterations = 255;

    /// <summary>The largest PRF output: HMAC-SHA-512's 64 bytes.</summary>
    private const int MaxPrfOutputSize = 64;

    /// <summary>The most bytes prf+ can produce with <paramref name="prf"/>.</summary>
    public static int MaxOutputLength(KeyedHash prf)
    {
        ArgumentNullException.ThrowIfNull(prf);
        return MaxIterations * prf.OutputSize;
    }

    /// <summary>Fills <paramref name="output"/> with prf+(K, <paramref name="seed"/>), K being the key <paramref name="prf"/> holds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">More than 255 iterations would be needed.</exception>
    public static void Expand(KeyedHash prf, ReadOnlySpan<byte> seed, Span<byte> output)
    {
        ArgumentNullException.ThrowIfNull(prf);
        int blockSize = prf.OutputSize;
        if (blockSize > MaxPrfOutputSize)
        {
            throw new ArgumentException($"A {blockSize}-byte PRF output is larger than prf+ supports.", nameof(prf));
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(output.Length, MaxIterations * blockSize, nameof(output));

        Span<byte> lastBlock = stackalloc byte[MaxPrfOutputSize];
        ReadOnlySpan<byte> previous = default;
        byte counter = 1;
        for (int offset = 0; offset < output.Length; offset += blockSize, counter++)
        {
            prf.Append(previous);
            prf.Append(seed);
            prf.Append(new ReadOnlySpan<byte>(in counter));

            Span<byte> remaining = output[offset..];
            if (remaining.Length >= blockSize)
            {
                prf.Finish(remaining[..blockSize]);
                previous = remaining[..blockSize];
            }
            else
            {
                prf.Finish(lastBlock[..blockSize]);
                lastBlock[..remaining.Length].CopyTo(remaining);
                CryptographicOperations.ZeroMemory(lastBlock);
            }
        }
    }
}
