namespace IpsecTun.Crypto;

/// <summary>AES-GCM in ESP and IKEv2 (RFC 4106, 5282): 4-byte salt, 8-byte IV, 8, 12 or 16-byte ICV.</summary>
internal sealed class GcmAlgorithm : EncryptionAlgorithm
{
    public GcmAlgorithm(int keySize, int icvSize)
        : base(IdFor(icvSize), NameFor(keySize, icvSize), keySize, saltSize: 4, ivSize: 8, blockSize: 1, icvSize, negotiatesKeyLength: true)
    {
    }

    private protected override string LibCryptoName => $"AES-{KeyLengthBits}-GCM";

    private protected override PacketCipher CreateManagedCipher(ReadOnlySpan<byte> keyMaterial) =>
        IcvSize >= 12 ? DotNetAeadCipher.CreateGcm(this, keyMaterial) : new ManagedGcmCipher(this, keyMaterial);

    private protected override PacketCipher CreateLibCryptoCipher(nint cipher, ReadOnlySpan<byte> keyMaterial) =>
        new LibCryptoAeadCipher(this, cipher, keyMaterial, isCcm: false);

    private static EncryptionTransformId IdFor(int icvSize) => icvSize switch
    {
        8 => EncryptionTransformId.AesGcm8,
        12 => EncryptionTransformId.AesGcm12,
        16 => EncryptionTransformId.AesGcm16,
        _ => throw new ArgumentOutOfRangeException(nameof(icvSize), icvSize, "GCM ICVs are 8, 12 or 16 bytes."),
    };

    private static string NameFor(int keySize, int icvSize) =>
        icvSize == 16 ? $"aes-{keySize * 8}-gcm" : $"aes-{keySize * 8}-gcm{icvSize}";
}
