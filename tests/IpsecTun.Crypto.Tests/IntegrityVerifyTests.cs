namespace IpsecTun.Crypto.Tests;

/// <summary>Every integrity transform accepts its own ICV and rejects any single flipped bit in the ICV or the message.</summary>
public class IntegrityVerifyTests
{
    public static TheoryData<string> Transforms => new(IntegrityAlgorithms.All.Select(a => a.Name));

    [Fact]
    public void Every_rfc_integrity_transform_is_registered()
    {
        Assert.Equal(
            [
                (IntegrityTransformId.HmacMd5_96, "md5", 16, 12),
                (IntegrityTransformId.HmacSha1_96, "sha1", 20, 12),
                (IntegrityTransformId.AesXcbc96, "aes-xcbc", 16, 12),
                (IntegrityTransformId.AesCmac96, "aes-cmac", 16, 12),
                (IntegrityTransformId.HmacSha2_256_128, "sha256", 32, 16),
                (IntegrityTransformId.HmacSha2_384_192, "sha384", 48, 24),
                (IntegrityTransformId.HmacSha2_512_256, "sha512", 64, 32),
            ],
            IntegrityAlgorithms.All.Select(a => (a.Id, a.Name, a.KeySize, a.IcvSize)));
    }

    [Theory]
    [MemberData(nameof(Transforms))]
    public void Verify_accepts_the_icv_and_rejects_every_bit_flip(string name)
    {
        Assert.True(TransformRegistry.TryGetIntegrity(name, out IntegrityAlgorithm? algorithm));
        using PacketAuthenticator authenticator = algorithm.CreateAuthenticator(TestBytes.Counting(algorithm.KeySize));
        byte[] message = TestBytes.Fill(0x5a, 45);
        byte[] icv = new byte[authenticator.IcvSize];
        authenticator.Append(message);
        authenticator.Finish(icv);

        Assert.True(Verifies(authenticator, message, icv));
        for (int bit = 0; bit < icv.Length * 8; bit++)
        {
            icv[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(Verifies(authenticator, message, icv), $"ICV bit {bit}");
            icv[bit / 8] ^= (byte)(1 << (bit % 8));
        }

        for (int bit = 0; bit < message.Length * 8; bit++)
        {
            message[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(Verifies(authenticator, message, icv), $"message bit {bit}");
            message[bit / 8] ^= (byte)(1 << (bit % 8));
        }

        Assert.True(Verifies(authenticator, message, icv));
    }

    [Theory]
    [MemberData(nameof(Transforms))]
    public void Verify_rejects_an_icv_of_the_wrong_length(string name)
    {
        Assert.True(TransformRegistry.TryGetIntegrity(name, out IntegrityAlgorithm? algorithm));
        using PacketAuthenticator authenticator = algorithm.CreateAuthenticator(new byte[algorithm.KeySize]);
        byte[] icv = new byte[authenticator.IcvSize + 1];
        authenticator.Finish(icv);

        Assert.False(Verifies(authenticator, [], icv));
        Assert.False(Verifies(authenticator, [], icv[..^2]));
        Assert.True(Verifies(authenticator, [], icv[..^1]));
    }

    [Theory]
    [MemberData(nameof(Transforms))]
    public void A_key_of_the_wrong_size_is_refused(string name)
    {
        Assert.True(TransformRegistry.TryGetIntegrity(name, out IntegrityAlgorithm? algorithm));

        Assert.Throws<ArgumentException>(() => algorithm.CreateAuthenticator(new byte[algorithm.KeySize - 1]));
    }

    private static bool Verifies(PacketAuthenticator authenticator, byte[] message, byte[] icv)
    {
        authenticator.Append(message);
        return authenticator.Verify(icv);
    }
}
