namespace IpsecTun.Crypto;

/// <summary>The AEAD transforms: AES-GCM and AES-CCM with 8, 12 and 16-byte ICVs, and ChaCha20-Poly1305.</summary>
public static class AeadAlgorithms
{
    public static IReadOnlyList<EncryptionAlgorithm> All { get; } = [];
}
