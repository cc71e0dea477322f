namespace IpsecTun.Crypto;

/// <summary>AES-CTR (RFC 3686) and Camellia-CTR (RFC 5529): a 4-byte nonce after the key, an 8-byte IV, no padding.</summary>
internal sealed class CtrAlgorithm : EncryptionAlgorithm
{
    private readonly BlockCipherKind kind;

    public CtrAlgorithm(EncryptionTransformId id, string name, BlockCipherKind kind, int keySize)
        : base(id, name, keySize, saltSize: 4, ivSize: 8, blockSize: 1, icvSize: 0, negotiatesKeyLength: true) =>
        this.kind = kind;

    private protected override string LibCryptoName =>
        $"{(kind == BlockCipherKind.Aes ? "AES" : "CAMELLIA")}-{KeyLengthBits}-CTR";

    private protected override PacketCipher CreateManagedCipher(ReadOnlySpan<byte> keyMaterial) =>
        new ManagedCtrCipher(this, kind, keyMaterial);

    private protected override PacketCipher CreateLibCryptoCipher(nint cipher, ReadOnlySpan<byte> keyMaterial) =>
        new LibCryptoCtrCipher(this, cipher, keyMaterial);
}
