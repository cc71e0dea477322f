namespace IpsecTun.Crypto;

/// <summary>The transforms without integrity of their own: NULL, DES, 3DES, Blowfish, AES-CBC/CTR, Camellia-CBC/CTR, Twofish-CBC.</summary>
public static class BlockCipherAlgorithms
{
    public static IReadOnlyList<EncryptionAlgorithm> All { get; } = [];
}
