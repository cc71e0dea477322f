using System.Runtime.Intrinsics;

namespace IpsecTun.Crypto;

/// <summary>XOR of byte runs, 16 bytes at a time where it can.</summary>
internal static class BlockXor
{
    /// <summary><paramref name="target"/> ^= <paramref name="source"/> over the length of <paramref name="target"/>.</summary>
    public static void Apply(Span<byte> target, ReadOnlySpan<byte> source)
    {
        int i = 0;
        for (; i + 16 <= target.Length; i += 16)
        {
            (Vector128.Create(target[i..]) ^ Vector128.Create(source[i..])).CopyTo(target[i..]);
        }

        for (; i < target.Length; i++)
        {
            target[i] ^= source[i];
        }
    }
}
