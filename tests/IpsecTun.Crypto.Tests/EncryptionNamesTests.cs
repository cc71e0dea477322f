namespace IpsecTun.Crypto.Tests;

/// <summary>The RouterOS names of the encryption transforms, and which of them carry a Key Length attribute.</summary>
public class EncryptionNamesTests
{
    [Theory]
    [InlineData("null", EncryptionTransformId.Null, 0)]
    [InlineData("des", EncryptionTransformId.Des, 64)]
    [InlineData("3des", EncryptionTransformId.TripleDes, 192)]
    [InlineData("blowfish", EncryptionTransformId.Blowfish, 128)]
    [InlineData("aes-128-cbc", EncryptionTransformId.AesCbc, 128)]
    [InlineData("aes-192-cbc", EncryptionTransformId.AesCbc, 192)]
    [InlineData("aes-256-cbc", EncryptionTransformId.AesCbc, 256)]
    [InlineData("aes-128-ctr", EncryptionTransformId.AesCtr, 128)]
    [InlineData("aes-256-ctr", EncryptionTransformId.AesCtr, 256)]
    [InlineData("aes-128-gcm", EncryptionTransformId.AesGcm16, 128)]
    [InlineData("aes-192-gcm12", EncryptionTransformId.AesGcm12, 192)]
    [InlineData("aes-256-gcm8", EncryptionTransformId.AesGcm8, 256)]
    [InlineData("aes-128-ccm", EncryptionTransformId.AesCcm16, 128)]
    [InlineData("aes-192-ccm12", EncryptionTransformId.AesCcm12, 192)]
    [InlineData("aes-256-ccm8", EncryptionTransformId.AesCcm8, 256)]
    [InlineData("camellia-128", EncryptionTransformId.CamelliaCbc, 128)]
    [InlineData("camellia-192", EncryptionTransformId.CamelliaCbc, 192)]
    [InlineData("camellia-256-ctr", EncryptionTransformId.CamelliaCtr, 256)]
    [InlineData("chacha20poly1305", EncryptionTransformId.ChaCha20Poly1305, 256)]
    [InlineData("twofish", EncryptionTransformId.TwofishCbc, 256)]
    [InlineData("twofish-128", EncryptionTransformId.TwofishCbc, 128)]
    [InlineData("twofish-192", EncryptionTransformId.TwofishCbc, 192)]
    public void Names_resolve_to_id_and_key_length(string name, EncryptionTransformId id, int keyBits)
    {
        var algorithm = Ciphers.Get(name);
        Assert.Equal((id, keyBits), (algorithm.Id, algorithm.KeyLengthBits));

        // What IKE receives resolves back to the same transform.
        Assert.True(TransformRegistry.TryGetEncryption(id, algorithm.NegotiatesKeyLength ? keyBits : 0, out var byId));
        Assert.Same(algorithm, byId);
    }

    [Fact]
    public void Only_fixed_key_transforms_omit_the_key_length_attribute()
    {
        var fixedKey = EncryptionAlgorithms.All.Where(a => !a.NegotiatesKeyLength).Select(a => a.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["3des", "chacha20poly1305", "des", "null"], fixedKey);
    }

    [Fact]
    public void Every_transform_is_offered_at_every_key_length()
    {
        Assert.Equal(38, EncryptionAlgorithms.All.Count);
        Assert.Equal(19, AeadAlgorithms.All.Count);
        Assert.All(AeadAlgorithms.All, a => Assert.True(a.IsAead));
        Assert.All(BlockCipherAlgorithms.All, a => Assert.False(a.IsAead));
    }

    [Theory]
    [InlineData("aes-128", "aes-128-cbc")]
    [InlineData("aes-192", "aes-192-cbc")]
    [InlineData("aes-256", "aes-256-cbc")]
    [InlineData("aes-256-gcm", "aes-256-gcm")]
    [InlineData("camellia-128", "camellia-128")]
    [InlineData("3des", "3des")]
    public void Profile_names_resolve(string profileName, string name)
    {
        Assert.True(TransformRegistry.TryGetProfileEncryption(profileName, out var algorithm));
        Assert.Equal(name, algorithm.Name);
    }
}
