namespace IpsecTun.Crypto.Tests;

/// <summary>Finds transforms by name and keys them on a chosen backend.</summary>
internal static class Ciphers
{
    public static TheoryData<Backend> Backends => [Backend.Managed, Backend.LibCrypto];

    public static EncryptionAlgorithm Get(string name)
    {
        Assert.True(TransformRegistry.TryGetEncryption(name, out var algorithm), $"{name} is not registered");
        return algorithm;
    }

    public static PacketCipher Create(EncryptionAlgorithm algorithm, Backend backend, ReadOnlySpan<byte> keyMaterial)
    {
        if (backend == Backend.LibCrypto && !algorithm.HasLibCryptoCipher)
        {
            Assert.Skip($"libcrypto is not loaded here or does not offer {algorithm.Name}.");
        }

        return algorithm.CreateCipher(keyMaterial, backend == Backend.LibCrypto ? CipherBackend.LibCrypto : CipherBackend.Managed);
    }

    public static PacketCipher Create(string name, Backend backend, string keyMaterialHex) =>
        Create(Get(name), backend, Convert.FromHexString(keyMaterialHex));
}
