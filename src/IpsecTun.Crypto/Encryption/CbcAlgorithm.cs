namespace IpsecTun.Crypto;

/// <summary>
/// A block cipher in CBC mode (DES, 3DES, Blowfish, AES, Camellia, Twofish): the IV is one block, and the
/// payload is padded to whole blocks.
/// </summary>
internal sealed class CbcAlgorithm : EncryptionAlgorithm
{
    private readonly BlockCipherKind kind;

    public CbcAlgorithm(
        EncryptionTransformId id, string name, BlockCipherKind kind, int keySize, bool negotiatesKeyLength, string? profileName = null)
        : base(id, name, keySize, saltSize: 0, ivSize: BlockSizeOf(kind), blockSize: BlockSizeOf(kind), icvSize: 0, negotiatesKeyLength, profileName) =>
        this.kind = kind;

    private protected override string? LibCryptoName => kind switch
    {
        BlockCipherKind.Des => "DES-CBC",
        BlockCipherKind.TripleDes => "DES-EDE3-CBC",
        BlockCipherKind.Blowfish => "BF-CBC",
        BlockCipherKind.Aes => $"AES-{KeyLengthBits}-CBC",
        BlockCipherKind.Camellia => $"CAMELLIA-{KeyLengthBits}-CBC",
        _ => null,
    };

    private protected override PacketCipher CreateManagedCipher(ReadOnlySpan<byte> keyMaterial) =>
        new ManagedCbcCipher(this, kind, keyMaterial);

    private protected override PacketCipher CreateLibCryptoCipher(nint cipher, ReadOnlySpan<byte> keyMaterial) =>
        new LibCryptoCbcCipher(this, cipher, keyMaterial);

    private static int BlockSizeOf(BlockCipherKind kind) =>
        kind is BlockCipherKind.Des or BlockCipherKind.TripleDes or BlockCipherKind.Blowfish ? 8 : 16;
}
