namespace IpsecTun.Crypto;

/// <summary>Every encryption transform at every key length this project offers.</summary>
public static class EncryptionAlgorithms
{
    public static IReadOnlyList<EncryptionAlgorithm> All { get; } = [.. AeadAlgorithms.All, .. BlockCipherAlgorithms.All];
}
