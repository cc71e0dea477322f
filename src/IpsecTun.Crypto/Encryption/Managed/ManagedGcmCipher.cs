using System.Buffers.Binary;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;

namespace IpsecTun.Crypto;

/// <summary>
/// AES-GCM (NIST SP 800-38D) built on BouncyCastle's AES engine and our GHASH, for the 8-byte ICV
/// that .NET's AesGcm refuses. The ICV is the leading bytes of the full tag. Nothing is allocated per packet.
/// </summary>
internal sealed class ManagedGcmCipher : AeadCipher
{
    private const int BlockSize = CounterMode.BlockSize;

    private readonly IBlockCipher aes;
    private readonly Ghash ghash = new();

    public ManagedGcmCipher(EncryptionAlgorithm algorithm, ReadOnlySpan<byte> keyMaterial)
        : base(algorithm, keyMaterial)
    {
        aes = BlockEngines.Create(BlockCipherKind.Aes, forEncryption: true, keyMaterial[..algorithm.KeySize]);
        Span<byte> hashKey = stackalloc byte[BlockSize];
        aes.ProcessBlock(hashKey, hashKey);
        ghash.SetHashKey(hashKey);
        CryptographicOperations.ZeroMemory(hashKey);
    }

    protected override void Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, Span<byte> data, Span<byte> icv)
    {
        Span<byte> counter = stackalloc byte[BlockSize];
        CounterMode.Apply(aes, FormCounter(nonce, counter, 2), data);
        Span<byte> tag = stackalloc byte[BlockSize];
        ComputeTag(FormCounter(nonce, counter, 1), associatedData, data, tag);
        tag[..icv.Length].CopyTo(icv);
    }

    protected override bool Open(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, Span<byte> data, ReadOnlySpan<byte> icv)
    {
        Span<byte> counter = stackalloc byte[BlockSize];
        Span<byte> tag = stackalloc byte[BlockSize];
        ComputeTag(FormCounter(nonce, counter, 1), associatedData, data, tag);
        if (!CryptographicOperations.FixedTimeEquals(tag[..icv.Length], icv))
        {
            return false;
        }

        CounterMode.Apply(aes, FormCounter(nonce, counter, 2), data);
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            BlockEngines.Wipe(aes, Algorithm.KeySize);
            ghash.Clear();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// A counter block for a 96-bit nonce: the nonce, then a 32-bit block number. Block 1 (J0) masks the
    /// tag; the key stream for the payload starts at block 2.
    /// </summary>
    private static ReadOnlySpan<byte> FormCounter(ReadOnlySpan<byte> nonce, Span<byte> counter, uint blockNumber)
    {
        nonce.CopyTo(counter);
        BinaryPrimitives.WriteUInt32BigEndian(counter[12..], blockNumber);
        return counter;
    }

    /// <summary>GHASH over the associated data, the ciphertext and their bit lengths, masked with E(K, J0).</summary>
    private void ComputeTag(ReadOnlySpan<byte> initialCounter, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> ciphertext, Span<byte> tag)
    {
        ghash.Reset();
        ghash.Absorb(associatedData);
        ghash.Absorb(ciphertext);
        Span<byte> lengths = stackalloc byte[BlockSize];
        BinaryPrimitives.WriteUInt64BigEndian(lengths, (ulong)associatedData.Length * 8);
        BinaryPrimitives.WriteUInt64BigEndian(lengths[8..], (ulong)ciphertext.Length * 8);
        ghash.Absorb(lengths);
        Span<byte> mask = stackalloc byte[BlockSize];
        aes.ProcessBlock(initialCounter, mask);
        ghash.WriteTo(tag);
        BlockXor.Apply(tag, mask);
    }
}
