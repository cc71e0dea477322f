namespace IpsecTun.Crypto.Tests;

/// <summary>Blowfish-CBC (RFC 2451) with the 128-bit-key CBC vector of Eric Young's test set, and against <c>openssl enc</c>.</summary>
public class BlowfishTests
{
    [Theory]
    [MemberData(nameof(Ciphers.Backends), MemberType = typeof(Ciphers))]
    public void Matches_the_published_cbc_vector(Backend backend) => BlockCipherVector.Check(
        "blowfish", backend, "0123456789abcdeff0e1d2c3b4a59687", "fedcba9876543210",
        "37363534333231204e6f77206973207468652074696d6520666f722000000000",
        "6b77b4d63006dee605b156e27403979358deb9e7154616d959f1652bd5ff92cc");

    [Theory]
    [MemberData(nameof(Ciphers.Backends), MemberType = typeof(Ciphers))]
    public void Matches_openssl(Backend backend) => BlockCipherVector.CheckAgainstOpenSsl("blowfish", backend, "bf-cbc", legacy: true);

    [Fact]
    public void Negotiates_a_128_bit_key()
    {
        Assert.True(TransformRegistry.TryGetEncryption(EncryptionTransformId.Blowfish, 128, out var algorithm));
        Assert.Equal("blowfish", algorithm.Name);
        Assert.True(algorithm.NegotiatesKeyLength);
    }
}
