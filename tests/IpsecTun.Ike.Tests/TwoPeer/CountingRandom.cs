using System.Buffers.Binary;
using System.Security.Cryptography;
using IpsecTun.Crypto;

namespace IpsecTun.Ike.Tests.TwoPeer;

/// <summary>Deterministic bytes: SHA-256 over a seed and a counter, so every run negotiates the same SPIs, nonces and keys.</summary>
internal sealed class CountingRandom(int seed) : RandomSource
{
    private ulong _counter;

    public override void Fill(Span<byte> buffer)
    {
        Span<byte> input = stackalloc byte[12];
        Span<byte> block = stackalloc byte[32];
        while (!buffer.IsEmpty)
        {
            BinaryPrimitives.WriteInt32BigEndian(input, seed);
            BinaryPrimitives.WriteUInt64BigEndian(input[4..], _counter++);
            SHA256.HashData(input, block);
            int n = Math.Min(block.Length, buffer.Length);
            block[..n].CopyTo(buffer);
            buffer = buffer[n..];
        }
    }
}
