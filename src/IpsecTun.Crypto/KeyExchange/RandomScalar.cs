namespace IpsecTun.Crypto;

/// <summary>Uniformly random private scalars drawn from a <see cref="RandomSource"/>.</summary>
internal static class RandomScalar
{
    /// <summary>
    /// Fills <paramref name="scalar"/> with a uniformly random big-endian integer in [1, <paramref name="upperExclusive"/>)
    /// by rejection sampling; both spans have the same length and the bound has no leading zero byte.
    /// </summary>
    public static void FillBelow(RandomSource random, ReadOnlySpan<byte> upperExclusive, Span<byte> scalar)
    {
        // Masking the top byte to the bound's bit length keeps the rejection rate under one half.
        var topMask = (byte)((1 << (8 - byte.LeadingZeroCount(upperExclusive[0]))) - 1);
        do
        {
            random.Fill(scalar);
            scalar[0] &= topMask;
        }
        while (!scalar.ContainsAnyExcept((byte)0) || scalar.SequenceCompareTo(upperExclusive) >= 0);
    }
}
