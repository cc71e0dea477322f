namespace IpsecTun.Crypto;

/// <summary>AES-CCM in ESP and IKEv2 (RFC 4309, 5282): 3-byte salt, 8-byte IV, 8, 12 or 16-byte ICV.</summary>
internal sealed class CcmAlgorithm : EncryptionAlgorithm
{
    public CcmAlgorithm(int keySize, int icvSize)
        : base(IdFor(icvSize), NameFor(keySize, icvSize), keySize, saltSize: 3, ivSize: 8, blockSize: 1, icvSize, negotiatesKeyLength: true)
    {
    }

    private protected override string LibCryptoName => $"AES-{KeyLengthBits}-CCM";

    private protected override PacketCipher CreateManagedCipher(ReadOnlySpan<byte> keyMaterial) =>
        new ManagedCcmCipher(this, keyMaterial);

    private protected override PacketCipher CreateLibCryptoCipher(nint cipher, ReadOnlySpan<byte> keyMaterial) =>
        new LibCryptoAeadCipher(this, cipher, keyMaterial, isCcm: true);

    private static EncryptionTransformId IdFor(int icvSize) => icvSize switch
    {
        8 => EncryptionTransformId.AesCcm8,
        12 => EncryptionTransformId.AesCcm12,
        16 => EncryptionTransformId.AesCcm16,
        _ => throw new ArgumentOutOfRangeException(nameof(icvSize), icvSize, "CCM ICVs in IPsec are 8, 12 or 16 bytes."),
    };

    private static string NameFor(int keySize, int icvSize) =>
        icvSize == 16 ? $"aes-{keySize * 8}-ccm" : $"aes-{keySize * 8}-ccm{icvSize}";
}
