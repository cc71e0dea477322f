namespace IpsecTun.Crypto.Tests;

/// <summary>
/// Twofish-CBC on strongSwan's private id 1027, checked with the Twofish submission's ECB known answers
/// (ecb_tbl.txt, first entry per key size) run through CBC. libcrypto has no Twofish: it is managed only.
/// </summary>
public class TwofishTests
{
    private const string Zero = "00000000000000000000000000000000";
    private const string Key = "0123456789abcdeffedcba9876543210";

    [Fact]
    public void Matches_the_published_known_answers()
    {
        BlockCipherVector.CheckBlockThroughCbc("twofish-128", Backend.Managed, Zero, Zero, "9f589f5cf6122c32b6bfec2f2ae8c35a");
        BlockCipherVector.CheckBlockThroughCbc("twofish-192", Backend.Managed, Key + "0011223344556677", Zero, "cfd1d2e5a9be9cdf501f13b892bd2248");
        BlockCipherVector.CheckBlockThroughCbc("twofish", Backend.Managed, Key + "00112233445566778899aabbccddeeff", Zero, "37527be0052334b89f0cfccae87cfa20");
    }

    [Fact]
    public void Uses_the_private_id_with_a_key_length_attribute()
    {
        Assert.True(TransformRegistry.TryGetEncryption((EncryptionTransformId)1027, 256, out var algorithm));
        Assert.Equal("twofish", algorithm.Name);
        Assert.True(TransformRegistry.TryGetEncryption(EncryptionTransformId.TwofishCbc, 128, out var short128));
        Assert.Equal("twofish-128", short128.Name);
        Assert.False(algorithm.HasLibCryptoCipher);
    }
}
