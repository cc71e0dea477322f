using static IpsecTun.Crypto.Tests.TestBytes;

namespace IpsecTun.Crypto.Tests;

/// <summary>AES-CMAC against RFC 4493 §4, AES-CMAC-96 against RFC 4494 §4 and PRF_AES128_CMAC against RFC 4615 §4.</summary>
public class AesCmacTests
{
    private static readonly byte[] Key = Convert.FromHexString("2b7e151628aed2a6abf7158809cf4f3c");

    private const string Message64 =
        "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51" +
        "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";

    public static TheoryData<int, string> Rfc4493 => new()
    {
        { 0, "bb1d6929e95937287fa37d129b756746" },
        { 16, "070a16b46b4d4144f79bdd9dd04a287c" },
        { 40, "dfa66747de9ae63030ca32611497c827" },
        { 64, "51f0bebf7e3b9d92fc49741779363cfe" },
    };

    [Theory]
    [MemberData(nameof(Rfc4493))]
    public void Prf_with_a_16_byte_key_is_the_published_cmac(int length, string expectedMac)
    {
        using KeyedHash prf = PrfAlgorithms.Aes128Cmac.Create(Key);
        byte[] output = new byte[prf.OutputSize];

        prf.Compute(Message(length), output);

        Assert.Equal(expectedMac, Convert.ToHexStringLower(output));
    }

    /// <summary>RFC 4494 §4 publishes the same examples cut to 96 bits.</summary>
    [Theory]
    [MemberData(nameof(Rfc4493))]
    public void Icv_is_the_first_96_bits_of_the_cmac(int length, string expectedMac)
    {
        using PacketAuthenticator authenticator = IntegrityAlgorithms.AesCmac96.CreateAuthenticator(Key);
        byte[] icv = new byte[authenticator.IcvSize];

        authenticator.Append(Message(length));
        authenticator.Finish(icv);

        Assert.Equal(expectedMac[..24], Convert.ToHexStringLower(icv));
    }

    [Theory]
    [MemberData(nameof(Rfc4493))]
    public void Appending_byte_by_byte_gives_the_same_cmac(int length, string expectedMac)
    {
        using KeyedHash prf = PrfAlgorithms.Aes128Cmac.Create(Key);
        byte[] output = new byte[16];

        foreach (byte b in Message(length))
        {
            prf.Append([b]);
        }

        prf.Finish(output);
        Assert.Equal(expectedMac, Convert.ToHexStringLower(output));
    }

    /// <summary>RFC 4615 §4: an 18-byte and a 10-byte key are both first MACed under 0^128 (no zero padding, unlike XCBC).</summary>
    [Theory]
    [InlineData("000102030405060708090a0b0c0d0e0fedcb", "84a348a4a45d235babfffc0d2b4da09a")]
    [InlineData("000102030405060708090a0b0c0d0e0f", "980ae87b5f4c9c5214f5b6a8455e4c2d")]
    [InlineData("00010203040506070809", "290d9e112edb09ee141fcf64c0b72f3d")]
    public void Prf_accepts_keys_of_any_length_by_rfc_4615(string keyHex, string expected)
    {
        using KeyedHash prf = PrfAlgorithms.Aes128Cmac.Create(Convert.FromHexString(keyHex));
        byte[] output = new byte[16];

        prf.Compute(Counting(20), output);

        Assert.Equal(expected, Convert.ToHexStringLower(output));
    }

    private static byte[] Message(int length) => Convert.FromHexString(Message64)[..length];
}
