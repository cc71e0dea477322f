using IpsecTun.Crypto;

namespace IpsecTun.Ike.Tests.Protection;

/// <summary>The project's AES-CBC and AES-GCM-16 transforms at 128 bits, as the fixtures negotiated them.</summary>
internal static class TestCiphers
{
    public static EncryptionAlgorithm AesCbc128 { get; } = Find(EncryptionTransformId.AesCbc);

    public static EncryptionAlgorithm AesGcm16_128 { get; } = Find(EncryptionTransformId.AesGcm16);

    private static EncryptionAlgorithm Find(EncryptionTransformId id)
    {
        Assert.True(TransformRegistry.TryGetEncryption(id, 128, out EncryptionAlgorithm? algorithm), $"{id} is not registered");
        return algorithm;
    }
}
