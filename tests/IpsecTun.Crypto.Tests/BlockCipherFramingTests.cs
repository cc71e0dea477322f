namespace IpsecTun.Crypto.Tests;

/// <summary>Ciphers without integrity refuse packets of the wrong shape: false on receive, an exception on send.</summary>
public class BlockCipherFramingTests
{
    public static TheoryData<string, Backend> CbcAndBackends =>
        new MatrixTheoryData<string, Backend>(["des", "3des", "blowfish", "aes-128-cbc", "camellia-256"], [Backend.Managed, Backend.LibCrypto]);

    [Theory]
    [MemberData(nameof(CbcAndBackends))]
    public void Cbc_refuses_partial_blocks_wrong_ivs_and_icvs(string name, Backend backend)
    {
        var algorithm = Ciphers.Get(name);
        using var cipher = Ciphers.Create(algorithm, backend, new byte[algorithm.KeyMaterialSize]);
        byte[] iv = new byte[algorithm.IvSize];
        byte[] whole = new byte[algorithm.BlockSize * 2];

        Assert.False(cipher.TryDecrypt(iv, [], new byte[whole.Length - 1], []));
        Assert.False(cipher.TryDecrypt(iv.AsSpan(1), [], whole, []));
        Assert.False(cipher.TryDecrypt(iv, [], whole, new byte[12]));
        Assert.False(cipher.TryDecrypt(iv, new byte[8], whole, []));
        Assert.Throws<ArgumentException>(() => cipher.Encrypt(iv, [], new byte[whole.Length + 1], []));
        Assert.True(cipher.TryDecrypt(iv, [], whole, []));
        Assert.True(cipher.TryDecrypt(iv, [], [], []));
    }

    [Theory]
    [MemberData(nameof(Ciphers.Backends), MemberType = typeof(Ciphers))]
    public void Ctr_takes_any_length_but_only_an_8_byte_iv(Backend backend)
    {
        using var cipher = Ciphers.Create("camellia-128-ctr", backend, new string('0', 40));
        Assert.True(cipher.TryDecrypt(new byte[8], [], new byte[13], []));
        Assert.False(cipher.TryDecrypt(new byte[16], [], new byte[13], []));
    }

    [Fact]
    public void Keying_material_of_the_wrong_size_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Ciphers.Get("aes-128-ctr").CreateCipher(new byte[16]));
        Assert.Throws<ArgumentException>(() => Ciphers.Get("aes-128-gcm").CreateCipher(new byte[16]));
    }
}
