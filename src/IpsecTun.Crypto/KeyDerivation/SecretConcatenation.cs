namespace IpsecTun.Crypto;

/// <summary>Joins key-derivation inputs into one buffer, which the caller zeroes once used.</summary>
internal static class SecretConcatenation
{
    public static byte[] Join(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c = default, ReadOnlySpan<byte> d = default)
    {
        byte[] joined = new byte[a.Length + b.Length + c.Length + d.Length];
        Span<byte> rest = joined;
        a.CopyTo(rest);
        rest = rest[a.Length..];
        b.CopyTo(rest);
        rest = rest[b.Length..];
        c.CopyTo(rest);
        d.CopyTo(rest[c.Length..]);
        return joined;
    }
}
