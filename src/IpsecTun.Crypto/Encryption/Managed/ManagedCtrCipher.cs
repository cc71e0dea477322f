using Org.BouncyCastle.Crypto;

namespace IpsecTun.Crypto;

/// <summary>AES-CTR and Camellia-CTR over a BouncyCastle block cipher engine.</summary>
internal sealed class ManagedCtrCipher : CounterModeCipher
{
    private readonly IBlockCipher encryptor;

    public ManagedCtrCipher(EncryptionAlgorithm algorithm, BlockCipherKind kind, ReadOnlySpan<byte> keyMaterial)
        : base(algorithm, keyMaterial) =>
        encryptor = BlockEngines.Create(kind, forEncryption: true, keyMaterial[..algorithm.KeySize]);

    protected override bool ApplyKeyStream(ReadOnlySpan<byte> counterBlock, Span<byte> data)
    {
        CounterMode.Apply(encryptor, counterBlock, data);
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            BlockEngines.Wipe(encryptor, Algorithm.KeySize);
        }

        base.Dispose(disposing);
    }
}
