namespace IpsecTun.Crypto.Tests;

/// <summary>
/// DES-CBC with the FIPS 81 example ("Now is the time for all "), 3DES with three equal keys reducing to
/// that same DES, and 3DES-CBC against <c>openssl enc</c>.
/// </summary>
public class DesTests
{
    private const string Key = "0123456789abcdef";
    private const string Iv = "1234567890abcdef";
    private const string Ciphertext = "e5c7cdde872bf27c43e934008c389c0f683788499a7c05f6";
    private static readonly string Plaintext = Convert.ToHexString("Now is the time for all "u8);

    [Theory]
    [MemberData(nameof(Ciphers.Backends), MemberType = typeof(Ciphers))]
    public void Des_matches_fips_81(Backend backend) => BlockCipherVector.Check("des", backend, Key, Iv, Plaintext, Ciphertext);

    [Theory]
    [MemberData(nameof(Ciphers.Backends), MemberType = typeof(Ciphers))]
    public void TripleDes_with_one_key_thrice_is_des(Backend backend) =>
        BlockCipherVector.Check("3des", backend, Key + Key + Key, Iv, Plaintext, Ciphertext);

    [Theory]
    [MemberData(nameof(Ciphers.Backends), MemberType = typeof(Ciphers))]
    public void TripleDes_matches_openssl(Backend backend) => BlockCipherVector.CheckAgainstOpenSsl("3des", backend, "des-ede3-cbc");

    [Theory]
    [MemberData(nameof(Ciphers.Backends), MemberType = typeof(Ciphers))]
    public void Des_matches_openssl(Backend backend) => BlockCipherVector.CheckAgainstOpenSsl("des", backend, "des-cbc", legacy: true);

    [Fact]
    public void Des_and_3des_have_fixed_keys()
    {
        Assert.False(Ciphers.Get("des").NegotiatesKeyLength);
        Assert.False(Ciphers.Get("3des").NegotiatesKeyLength);
        Assert.Equal((24, 8, 8), (Ciphers.Get("3des").KeySize, Ciphers.Get("3des").IvSize, Ciphers.Get("3des").BlockSize));
    }
}
