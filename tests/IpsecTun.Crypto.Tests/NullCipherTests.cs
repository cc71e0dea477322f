namespace IpsecTun.Crypto.Tests;

/// <summary>ENCR_NULL (RFC 2410).</summary>
public class NullCipherTests
{
    [Fact]
    public void Leaves_the_payload_as_it_is_and_takes_no_key_or_iv()
    {
        var algorithm = Ciphers.Get("null");
        Assert.Equal((0, 0, 0, false), (algorithm.KeyMaterialSize, algorithm.IvSize, algorithm.IcvSize, algorithm.NegotiatesKeyLength));
        using var cipher = algorithm.CreateCipher([]);
        byte[] data = [1, 2, 3, 4, 5];

        cipher.Encrypt([], [], data, []);
        Assert.Equal([1, 2, 3, 4, 5], data);
        Assert.True(cipher.TryDecrypt([], [], data, []));
        Assert.Equal([1, 2, 3, 4, 5], data);
        Assert.False(cipher.TryDecrypt([0], [], data, []));
    }
}
