using System.Buffers.Binary;

namespace IpsecTun.Crypto;

/// <summary>
/// GHASH (NIST SP 800-38D §6.4), without tables and without branches on secret bits: by carry-less
/// multiplication where the processor has it, else by the specification's bitwise multiplication. It
/// serves only the managed GCM with 8-byte ICVs, where neither libcrypto nor .NET's AesGcm is available.
/// </summary>
internal sealed partial class Ghash(bool useCarrylessMultiply)
{
    private const int BlockSize = 16;

    // The field's reduction constant R = 11100001 || 0^120, as the high half of a 128-bit value.
    private const ulong Reduction = 0xE100000000000000UL;

    private ulong hashKeyHigh;
    private ulong hashKeyLow;
    private ulong high;
    private ulong low;

    public void SetHashKey(ReadOnlySpan<byte> hashKey)
    {
        hashKeyHigh = BinaryPrimitives.ReadUInt64BigEndian(hashKey);
        hashKeyLow = BinaryPrimitives.ReadUInt64BigEndian(hashKey[8..]);
    }

    public void Reset() => (high, low) = (0, 0);

    /// <summary>Folds <paramref name="input"/> in, block by block, the last block padded with zeros.</summary>
    public void Absorb(ReadOnlySpan<byte> input)
    {
        Span<byte> block = stackalloc byte[BlockSize];
        for (int offset = 0; offset < input.Length; offset += BlockSize)
        {
            var chunk = input[offset..Math.Min(offset + BlockSize, input.Length)];
            block.Clear();
            chunk.CopyTo(block);
            high ^= BinaryPrimitives.ReadUInt64BigEndian(block);
            low ^= BinaryPrimitives.ReadUInt64BigEndian(block[8..]);
            MultiplyByHashKey();
        }
    }

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, high);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], low);
    }

    public Ghash()
        : this(CarrylessMultiplyIsSupported)
    {
    }

    public void Clear() => (hashKeyHigh, hashKeyLow, high, low) = (0, 0, 0, 0);

    private void MultiplyByHashKey()
    {
        if (useCarrylessMultiply)
        {
            (high, low) = CarrylessMultiply(high, low, hashKeyHigh, hashKeyLow);
            return;
        }

        ulong zHigh = 0, zLow = 0, vHigh = hashKeyHigh, vLow = hashKeyLow;
        for (int i = 0; i < 128; i++)
        {
            ulong bit = i < 64 ? (high >> (63 - i)) & 1 : (low >> (127 - i)) & 1;
            ulong take = 0 - bit;
            zHigh ^= vHigh & take;
            zLow ^= vLow & take;
            ulong reduce = 0 - (vLow & 1);
            vLow = (vLow >> 1) | (vHigh << 63);
            vHigh = (vHigh >> 1) ^ (Reduction & reduce);
        }

        (high, low) = (zHigh, zLow);
    }
}
