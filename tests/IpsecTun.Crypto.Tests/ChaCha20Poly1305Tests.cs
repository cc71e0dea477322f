namespace IpsecTun.Crypto.Tests;

/// <summary>
/// RFC 8439 §2.8.2 and the empty-message vector of Wycheproof's chacha20_poly1305_test (tcId 2), with the
/// 96-bit nonce split as RFC 7634 forms it: a 4-byte salt from the keying material, then the 8-byte IV.
/// </summary>
public class ChaCha20Poly1305Tests
{
    private static readonly AeadVector Rfc8439Section282 = new(
        "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f", "07000000", "4041424344454647",
        "50515253c0c1c2c3c4c5c6c7",
        Convert.ToHexStringLower("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it."u8),
        "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc3ff4def08e4b7a9de576d26586cec64b6116",
        "1ae10b594f09e26a7e902ecbd0600691");

    private static readonly AeadVector EmptyMessage = new(
        "80ba3192c803ce965ea371d5ff073cf0f43b6a2ab576b208426e11409c09b9b0", "4da5bf8d", "fd5852c1ea12379d", "", "", "",
        "76acb342cf3166a5b63c0c0ea1383c8d");

    [Theory]
    [MemberData(nameof(Ciphers.Backends), MemberType = typeof(Ciphers))]
    public void Matches_rfc_8439(Backend backend) => Rfc8439Section282.Check("chacha20poly1305", backend);

    [Theory]
    [MemberData(nameof(Ciphers.Backends), MemberType = typeof(Ciphers))]
    public void Seals_an_empty_message(Backend backend) => EmptyMessage.Check("chacha20poly1305", backend);

    [Fact]
    public void Has_a_fixed_256_bit_key_and_no_key_length_attribute()
    {
        var algorithm = Ciphers.Get("chacha20poly1305");
        Assert.Equal((32, 4, 8, 16), (algorithm.KeySize, algorithm.SaltSize, algorithm.IvSize, algorithm.IcvSize));
        Assert.False(algorithm.NegotiatesKeyLength);
        Assert.True(TransformRegistry.TryGetEncryption(EncryptionTransformId.ChaCha20Poly1305, 0, out var byId));
        Assert.Same(algorithm, byId);
    }
}
