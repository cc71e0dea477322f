using System.Buffers.Binary;
using Org.BouncyCastle.Crypto;

namespace IpsecTun.Crypto;

/// <summary>
/// The 128-bit counter mode that AES-CTR and Camellia-CTR (RFC 3686, 5529) and GCM share: the last four
/// bytes of the counter block are a big-endian block counter incremented per block.
/// </summary>
internal static class CounterMode
{
    public const int BlockSize = 16;

    /// <summary>XORs the key stream that starts at <paramref name="counterBlock"/> into <paramref name="data"/>.</summary>
    public static void Apply(IBlockCipher encryptor, ReadOnlySpan<byte> counterBlock, Span<byte> data)
    {
        Span<byte> counter = stackalloc byte[BlockSize];
        Span<byte> keyStream = stackalloc byte[BlockSize];
        counterBlock.CopyTo(counter);
        uint block = BinaryPrimitives.ReadUInt32BigEndian(counter[12..]);
        for (int offset = 0; offset < data.Length; offset += BlockSize)
        {
            encryptor.ProcessBlock(counter, keyStream);
            var chunk = data[offset..Math.Min(offset + BlockSize, data.Length)];
            BlockXor.Apply(chunk, keyStream);
            BinaryPrimitives.WriteUInt32BigEndian(counter[12..], ++block);
        }
    }
}
