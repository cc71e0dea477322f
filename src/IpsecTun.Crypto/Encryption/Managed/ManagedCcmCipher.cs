using System.Buffers.Binary;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;

namespace IpsecTun.Crypto;

/// <summary>
/// AES-CCM (RFC 3610) with RFC 4309's 11-byte nonce, so a 4-byte length and counter field, built on
/// BouncyCastle's AES engine. .NET's AesCcm would fit the tag sizes, but on Linux it creates a native
/// context per call; this allocates nothing per packet.
/// </summary>
internal sealed class ManagedCcmCipher : AeadCipher
{
    private const int BlockSize = CounterMode.BlockSize;

    // L, the size of the length and counter field: 15 bytes minus the 11-byte nonce.
    private const int LengthFieldSize = 4;

    private readonly IBlockCipher aes;

    public ManagedCcmCipher(EncryptionAlgorithm algorithm, ReadOnlySpan<byte> keyMaterial)
        : base(algorithm, keyMaterial) =>
        aes = BlockEngines.Create(BlockCipherKind.Aes, forEncryption: true, keyMaterial[..algorithm.KeySize]);

    protected override void Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, Span<byte> data, Span<byte> icv)
    {
        Span<byte> tag = stackalloc byte[BlockSize];
        ComputeTag(nonce, associatedData, data, tag);
        Span<byte> counter = stackalloc byte[BlockSize];
        CounterMode.Apply(aes, FormCounter(nonce, counter, 1), data);
        tag[..icv.Length].CopyTo(icv);
    }

    protected override bool Open(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, Span<byte> data, ReadOnlySpan<byte> icv)
    {
        Span<byte> counter = stackalloc byte[BlockSize];
        CounterMode.Apply(aes, FormCounter(nonce, counter, 1), data);
        Span<byte> tag = stackalloc byte[BlockSize];
        ComputeTag(nonce, associatedData, data, tag);
        if (CryptographicOperations.FixedTimeEquals(tag[..icv.Length], icv))
        {
            return true;
        }

        // CCM authenticates the plaintext, so it had to be decrypted first: do not leave it behind.
        CryptographicOperations.ZeroMemory(data);
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            BlockEngines.Wipe(aes, Algorithm.KeySize);
        }

        base.Dispose(disposing);
    }

    /// <summary>A_i: the flags byte L-1, the nonce, then the block number i.</summary>
    private static ReadOnlySpan<byte> FormCounter(ReadOnlySpan<byte> nonce, Span<byte> counter, uint blockNumber)
    {
        counter[0] = LengthFieldSize - 1;
        nonce.CopyTo(counter[1..]);
        BinaryPrimitives.WriteUInt32BigEndian(counter[12..], blockNumber);
        return counter;
    }

    /// <summary>The CBC-MAC of B0, the encoded associated data and the plaintext, masked with the key stream block S0.</summary>
    private void ComputeTag(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> plaintext, Span<byte> tag)
    {
        Span<byte> block = stackalloc byte[BlockSize];
        int icvSize = Algorithm.IcvSize;
        block[0] = (byte)((associatedData.IsEmpty ? 0 : 0x40) | (((icvSize - 2) / 2) << 3) | (LengthFieldSize - 1));
        nonce.CopyTo(block[1..]);
        BinaryPrimitives.WriteUInt32BigEndian(block[12..], (uint)plaintext.Length);
        tag.Clear();
        Absorb(tag, block);

        if (!associatedData.IsEmpty)
        {
            // The associated data is prefixed with its length: 2 bytes below 2^16 - 2^8, else 0xFFFE and 4 bytes.
            block.Clear();
            int prefix = 2;
            if (associatedData.Length < 0xFF00)
            {
                BinaryPrimitives.WriteUInt16BigEndian(block, (ushort)associatedData.Length);
            }
            else
            {
                BinaryPrimitives.WriteUInt16BigEndian(block, 0xFFFE);
                BinaryPrimitives.WriteUInt32BigEndian(block[2..], (uint)associatedData.Length);
                prefix = 6;
            }

            int first = Math.Min(BlockSize - prefix, associatedData.Length);
            associatedData[..first].CopyTo(block[prefix..]);
            Absorb(tag, block[..(prefix + first)]);
            AbsorbBlocks(tag, associatedData[first..]);
        }

        AbsorbBlocks(tag, plaintext);

        Span<byte> mask = stackalloc byte[BlockSize];
        aes.ProcessBlock(FormCounter(nonce, block, 0), mask);
        BlockXor.Apply(tag, mask);
    }

    private void AbsorbBlocks(Span<byte> mac, ReadOnlySpan<byte> input)
    {
        for (int offset = 0; offset < input.Length; offset += BlockSize)
        {
            Absorb(mac, input[offset..Math.Min(offset + BlockSize, input.Length)]);
        }
    }

    /// <summary>One CBC-MAC step; a short block is padded with zeros, which XOR leaves out.</summary>
    private void Absorb(Span<byte> mac, ReadOnlySpan<byte> block)
    {
        Span<byte> input = stackalloc byte[BlockSize];
        mac.CopyTo(input);
        BlockXor.Apply(input[..block.Length], block);
        aes.ProcessBlock(input, mac);
    }
}
