using System.Buffers.Binary;
using System.Security.Cryptography;

namespace IpsecTun.Crypto;

/// <summary>
/// AES-CTR and Camellia-CTR as ESP uses them (RFC 3686, 5529): the counter block is the 4-byte nonce from
/// the keying material, the packet's 8-byte IV, then a 32-bit block counter starting at 1. Encryption and
/// decryption are the same key stream.
/// </summary>
internal abstract class CounterModeCipher : NonAeadCipher
{
    private const int CounterBlockSize = 16;

    private readonly byte[] nonce;

    protected CounterModeCipher(EncryptionAlgorithm algorithm, ReadOnlySpan<byte> keyMaterial)
        : base(algorithm) => nonce = keyMaterial[algorithm.KeySize..].ToArray();

    protected sealed override void EncryptCore(ReadOnlySpan<byte> iv, Span<byte> data)
    {
        if (!Transform(iv, data))
        {
            throw new CryptographicException($"{Algorithm.Name} failed to encrypt.");
        }
    }

    protected sealed override bool DecryptCore(ReadOnlySpan<byte> iv, Span<byte> data) => Transform(iv, data);

    /// <summary>XORs the key stream that starts at <paramref name="counterBlock"/> into <paramref name="data"/>.</summary>
    protected abstract bool ApplyKeyStream(ReadOnlySpan<byte> counterBlock, Span<byte> data);

    protected override void Dispose(bool disposing) => CryptographicOperations.ZeroMemory(nonce);

    private bool Transform(ReadOnlySpan<byte> iv, Span<byte> data)
    {
        Span<byte> counterBlock = stackalloc byte[CounterBlockSize];
        nonce.CopyTo(counterBlock);
        iv.CopyTo(counterBlock[nonce.Length..]);
        BinaryPrimitives.WriteUInt32BigEndian(counterBlock[12..], 1);
        return ApplyKeyStream(counterBlock, data);
    }
}
