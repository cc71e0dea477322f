namespace IpsecTun.Crypto.Tests;

/// <summary>RFC 3686 §6 test vectors; the keying material is the AES key followed by the 4-byte nonce.</summary>
public class AesCtrTests
{
    [Theory]
    [MemberData(nameof(Ciphers.Backends), MemberType = typeof(Ciphers))]
    public void Aes128_matches_rfc_3686(Backend backend)
    {
        BlockCipherVector.Check(
            "aes-128-ctr", backend, "ae6852f8121067cc4bf7a5765577f39e" + "00000030", "0000000000000000",
            Convert.ToHexString("Single block msg"u8), "e4095d4fb7a7b3792d6175a3261311b8");
        BlockCipherVector.Check(
            "aes-128-ctr", backend, "7e24067817fae0d743d6ce1f32539163" + "006cb6db", "c0543b59da48d90b",
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
            "5104a106168a72d9790d41ee8edad388eb2e1efc46da57c8fce630df9141be28");
        BlockCipherVector.Check(
            "aes-128-ctr", backend, "7691be035e5020a8ac6e618529f9a0dc" + "00e0017b", "27777f3f4a1786f0",
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223",
            "c1cf48a89f2ffdd9cf4652e9efdb72d74540a42bde6d7836d59a5ceaaef3105325b2072f");
    }

    [Theory]
    [MemberData(nameof(Ciphers.Backends), MemberType = typeof(Ciphers))]
    public void Aes192_matches_rfc_3686(Backend backend) => BlockCipherVector.Check(
        "aes-192-ctr", backend, "16af5b145fc9f579c175f93e3bfb0eed863d06ccfdb78515" + "00000048", "36733c147d6d93cb",
        Convert.ToHexString("Single block msg"u8), "4b55384fe259c9c84e7935a003cbe928");

    [Theory]
    [MemberData(nameof(Ciphers.Backends), MemberType = typeof(Ciphers))]
    public void Aes256_matches_rfc_3686(Backend backend) => BlockCipherVector.Check(
        "aes-256-ctr", backend, "776beff2851db06f4c8a0542c8696f6c6a81af1eec96b4d37fc1d689e6c1c104" + "00000060", "db5672c97aa8f0b2",
        Convert.ToHexString("Single block msg"u8), "145ad01dbf824ec7560863dc71e3e0c0");

    [Fact]
    public void Ctr_takes_a_nonce_from_the_keying_material_and_pads_to_nothing()
    {
        var algorithm = Ciphers.Get("aes-192-ctr");
        Assert.Equal((24, 4, 8, 1, 28), (algorithm.KeySize, algorithm.SaltSize, algorithm.IvSize, algorithm.BlockSize, algorithm.KeyMaterialSize));
    }
}
