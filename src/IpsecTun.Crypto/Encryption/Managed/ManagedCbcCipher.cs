using Org.BouncyCastle.Crypto;

namespace IpsecTun.Crypto;

/// <summary>
/// CBC (RFC 2451, 3602, 4312) over a BouncyCastle block cipher engine, chained here block by block in
/// place so nothing is allocated per packet.
/// </summary>
internal sealed class ManagedCbcCipher : NonAeadCipher
{
    private readonly IBlockCipher encryptor;
    private readonly IBlockCipher decryptor;

    public ManagedCbcCipher(EncryptionAlgorithm algorithm, BlockCipherKind kind, ReadOnlySpan<byte> keyMaterial)
        : base(algorithm)
    {
        encryptor = BlockEngines.Create(kind, forEncryption: true, keyMaterial);
        decryptor = BlockEngines.Create(kind, forEncryption: false, keyMaterial);
    }

    protected override void EncryptCore(ReadOnlySpan<byte> iv, Span<byte> data)
    {
        int blockSize = Algorithm.BlockSize;
        Span<byte> chain = stackalloc byte[blockSize];
        iv.CopyTo(chain);
        for (int offset = 0; offset < data.Length; offset += blockSize)
        {
            var block = data.Slice(offset, blockSize);
            BlockXor.Apply(chain, block);
            encryptor.ProcessBlock(chain, block);
            block.CopyTo(chain);
        }
    }

    protected override bool DecryptCore(ReadOnlySpan<byte> iv, Span<byte> data)
    {
        int blockSize = Algorithm.BlockSize;
        Span<byte> previous = stackalloc byte[blockSize];
        Span<byte> current = stackalloc byte[blockSize];
        iv.CopyTo(previous);
        for (int offset = 0; offset < data.Length; offset += blockSize)
        {
            var block = data.Slice(offset, blockSize);
            block.CopyTo(current);
            decryptor.ProcessBlock(current, block);
            BlockXor.Apply(block, previous);
            current.CopyTo(previous);
        }

        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            BlockEngines.Wipe(encryptor, Algorithm.KeySize);
            BlockEngines.Wipe(decryptor, Algorithm.KeySize);
        }
    }
}
