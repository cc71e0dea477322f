namespace IpsecTun.Crypto.Tests;

/// <summary>Finds transforms by name and keys them on a chosen backend.</summary>
internal static class Ciphers
{
    public static TheoryData<Backend> Backends => [Backend.Managed, Backend.LibCrypto];

    /// <summary>Every transform that libcrypto offers too: all but NULL (nothing to offer) and Twofish (absent from OpenSSL).</summary>
    public static IEnumerable<EncryptionAlgorithm> WithLibCryptoVariant =>
        EncryptionAlgorithms.All.Where(a => a.Id is not (EncryptionTransformId.Null or EncryptionTransformId.TwofishCbc));

    /// <summary>Every transform on the managed backend, and on libcrypto where it has a variant.</summary>
    public static TheoryData<string, Backend> EveryImplementation =>
    [
        .. EncryptionAlgorithms.All.Select(a => (a.Name, Backend.Managed)),
        .. WithLibCryptoVariant.Select(a => (a.Name, Backend.LibCrypto)),
    ];

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
