namespace IpsecTun.Crypto;

/// <summary>The AEAD transforms: AES-GCM and AES-CCM with 8, 12 and 16-byte ICVs, and ChaCha20-Poly1305.</summary>
public static class AeadAlgorithms
{
    private static readonly int[] AesKeySizes = [16, 24, 32];
    private static readonly int[] IcvSizes = [16, 12, 8];

    public static IReadOnlyList<EncryptionAlgorithm> All { get; } =
    [
        .. AesKeySizes.SelectMany(key => IcvSizes.Select(icv => new GcmAlgorithm(key, icv))),
        .. AesKeySizes.SelectMany(key => IcvSizes.Select(icv => new CcmAlgorithm(key, icv))),
        new ChaCha20Poly1305Algorithm(),
    ];
}
