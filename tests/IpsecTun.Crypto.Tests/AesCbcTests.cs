namespace IpsecTun.Crypto.Tests;

/// <summary>RFC 3602 §4 test cases (AES-128-CBC) and NIST SP 800-38A F.2.3 and F.2.5 (AES-192 and AES-256-CBC).</summary>
public class AesCbcTests
{
    private const string Sp80038aIv = "000102030405060708090a0b0c0d0e0f";
    private const string Sp80038aPlaintext =
        "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";

    [Theory]
    [MemberData(nameof(Ciphers.Backends), MemberType = typeof(Ciphers))]
    public void Aes128_matches_rfc_3602(Backend backend)
    {
        BlockCipherVector.Check(
            "aes-128-cbc", backend, "06a9214036b8a15b512e03d534120006", "3dafba429d9eb430b422da802c9fac41",
            Convert.ToHexString("Single block msg"u8), "e353779c1079aeb82708942dbe77181a");
        BlockCipherVector.Check(
            "aes-128-cbc", backend, "c286696d887c9aa0611bbb3e2025a45a", "562e17996d093d28ddb3ba695a2e6f58",
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
            "d296cd94c2cccf8a3a863028b5e1dc0a7586602d253cfff91b8266bea6d61ab1");
        BlockCipherVector.Check(
            "aes-128-cbc", backend, "6c3ea0477630ce21a2ce334aa746c2cd", "c782dc4c098c66cbd9cd27d825682c81",
            Convert.ToHexString("This is a 48-byte message (exactly 3 AES blocks)"u8),
            "d0a02b3836451753d493665d33f0e8862dea54cdb293abc7506939276772f8d5021c19216bad525c8579695d83ba2684");
        BlockCipherVector.Check(
            "aes-128-cbc", backend, "56e47a38c5598974bc46903dba290349", "8ce82eefbea0da3c44699ed7db51b7d9",
            "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf",
            "c30e32ffedc0774e6aff6af0869f71aa0f3af07a9a31a9c684db207eb0ef8e4e35907aa632c3ffdf868bb7b29d3d46ad83ce9f9a102ee99d49a53e87f4c3da55");
    }

    [Theory]
    [MemberData(nameof(Ciphers.Backends), MemberType = typeof(Ciphers))]
    public void Aes192_matches_sp800_38a(Backend backend) => BlockCipherVector.Check(
        "aes-192-cbc", backend, "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b", Sp80038aIv, Sp80038aPlaintext,
        "4f021db243bc633d7178183a9fa071e8b4d9ada9ad7dedf4e5e738763f69145a571b242012fb7ae07fa9baac3df102e008b0e27988598881d920a9e64f5615cd");

    [Theory]
    [MemberData(nameof(Ciphers.Backends), MemberType = typeof(Ciphers))]
    public void Aes256_matches_sp800_38a(Backend backend) => BlockCipherVector.Check(
        "aes-256-cbc", backend, "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", Sp80038aIv, Sp80038aPlaintext,
        "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b");

    [Fact]
    public void Profile_names_are_the_short_ones()
    {
        Assert.True(TransformRegistry.TryGetProfileEncryption("aes-256", out var algorithm));
        Assert.Equal("aes-256-cbc", algorithm.Name);
        Assert.Equal((EncryptionTransformId.AesCbc, 256, 16), (algorithm.Id, algorithm.KeyLengthBits, algorithm.IvSize));
    }
}
