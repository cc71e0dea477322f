namespace IpsecTun.Crypto.Tests;

/// <summary>
/// The public CreateCipher and the HMAC PRFs pick libcrypto where it offers the transform, and the managed
/// implementation otherwise.
/// </summary>
public class BackendSelectionTests
{
    [Theory]
    [InlineData("aes-128-gcm")]
    [InlineData("aes-256-ccm8")]
    [InlineData("chacha20poly1305")]
    [InlineData("aes-192-cbc")]
    [InlineData("camellia-256-ctr")]
    [InlineData("blowfish")]
    public void Prefers_libcrypto_where_it_offers_the_transform(string name)
    {
        var algorithm = Ciphers.Get(name);
        Assert.SkipUnless(algorithm.HasLibCryptoCipher, $"libcrypto is not loaded here or does not offer {name}");
        using var cipher = algorithm.CreateCipher(new byte[algorithm.KeyMaterialSize]);
        Assert.StartsWith("LibCrypto", cipher.GetType().Name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("twofish")]
    [InlineData("twofish-128")]
    public void Falls_back_to_managed_where_libcrypto_has_no_such_cipher(string name)
    {
        var algorithm = Ciphers.Get(name);
        using var cipher = algorithm.CreateCipher(new byte[algorithm.KeyMaterialSize]);
        Assert.Equal(nameof(ManagedCbcCipher), cipher.GetType().Name);
        Assert.Throws<NotSupportedException>(() => algorithm.CreateCipher(new byte[algorithm.KeyMaterialSize], CipherBackend.LibCrypto));
    }

    [Theory]
    [MemberData(nameof(HmacNames))]
    public void Hmac_prfs_prefer_libcrypto(string name)
    {
        Assert.SkipUnless(LibCryptoHmac.IsAvailable, "libcrypto's EVP_MAC HMAC is not available here");
        Assert.True(TransformRegistry.TryGetPrf(name, out PrfAlgorithm? prf));
        using KeyedHash mac = prf.Create(new byte[prf.PreferredKeySize]);
        Assert.IsType<LibCryptoHmac>(mac);
    }

    public static TheoryData<string> HmacNames => new(Hmacs.Names);
}
