using static IpsecTun.Crypto.Tests.TestBytes;

namespace IpsecTun.Crypto.Tests;

/// <summary>AES-XCBC-MAC-96 against RFC 3566 §4.6 and PRF_AES128_XCBC against RFC 4434 §5.</summary>
public class AesXcbcTests
{
    private static readonly byte[] Key = Counting(16);

    public static TheoryData<byte[], string> Rfc3566 => new()
    {
        { [], "75f0251d528ac01c4573dfd584d79f29" },
        { Counting(3), "5b376580ae2f19afe7219ceef172756f" },
        { Counting(16), "d2a246fa349b68a79998a4394ff7a263" },
        { Counting(20), "47f51b4564966215b8985c63055ed308" },
        { Counting(32), "f54f0ec8d2b9f3d36807734bd5283fd4" },
        { Counting(34), "becbb3bccdb518a30677d5481fb6b4d8" },
        { new byte[1000], "f0dafee895db30253761103b5d84528f" },
    };

    [Theory]
    [MemberData(nameof(Rfc3566))]
    public void Icv_is_the_first_96_bits_of_the_published_mac(byte[] message, string expectedMac)
    {
        using PacketAuthenticator authenticator = IntegrityAlgorithms.AesXcbc96.CreateAuthenticator(Key);
        byte[] icv = new byte[authenticator.IcvSize];

        authenticator.Append(message);
        authenticator.Finish(icv);

        Assert.Equal(12, icv.Length);
        Assert.Equal(expectedMac[..24], Convert.ToHexStringLower(icv));
    }

    [Theory]
    [MemberData(nameof(Rfc3566))]
    public void Prf_with_a_16_byte_key_is_the_full_mac(byte[] message, string expectedMac)
    {
        using KeyedHash prf = PrfAlgorithms.Aes128Xcbc.Create(Key);
        byte[] output = new byte[prf.OutputSize];

        prf.Compute(message, output);

        Assert.Equal(expectedMac, Convert.ToHexStringLower(output));
    }

    [Theory]
    [MemberData(nameof(Rfc3566))]
    public void Appending_in_uneven_pieces_gives_the_same_mac(byte[] message, string expectedMac)
    {
        using KeyedHash prf = PrfAlgorithms.Aes128Xcbc.Create(Key);
        byte[] output = new byte[prf.OutputSize];

        for (int offset = 0, piece = 1; offset < message.Length; offset += piece, piece = (piece * 3 % 17) + 1)
        {
            prf.Append(message.AsSpan(offset, Math.Min(piece, message.Length - offset)));
        }

        prf.Finish(output);
        Assert.Equal(expectedMac, Convert.ToHexStringLower(output));
    }

    /// <summary>RFC 4434 §5: the 16-byte key is used as is, a 10-byte key is zero-padded, an 18-byte key is first MACed under 0^128.</summary>
    [Theory]
    [InlineData("000102030405060708090a0b0c0d0e0f", "47f51b4564966215b8985c63055ed308")]
    [InlineData("00010203040506070809", "0fa087af7d866e7653434e602fdde835")]
    [InlineData("000102030405060708090a0b0c0d0e0fedcb", "8cd3c93ae598a9803006ffb67c40e9e4")]
    public void Prf_accepts_keys_of_any_length_by_rfc_4434(string keyHex, string expected)
    {
        using KeyedHash prf = PrfAlgorithms.Aes128Xcbc.Create(Convert.FromHexString(keyHex));
        byte[] output = new byte[16];

        prf.Compute(Counting(20), output);

        Assert.Equal(expected, Convert.ToHexStringLower(output));
    }
}
