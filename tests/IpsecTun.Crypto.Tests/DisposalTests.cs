namespace IpsecTun.Crypto.Tests;

/// <summary>A disposed cipher has no key: it refuses to seal and opens nothing, rather than using a wiped key.</summary>
public class DisposalTests
{
    public static TheoryData<string, Backend> SamplesAndBackends => new MatrixTheoryData<string, Backend>(
        ["aes-128-gcm8", "aes-256-ccm", "chacha20poly1305", "aes-256-cbc", "camellia-128-ctr", "3des"], [Backend.Managed, Backend.LibCrypto]);

    [Theory]
    [MemberData(nameof(SamplesAndBackends))]
    public void A_disposed_cipher_neither_seals_nor_opens(string name, Backend backend)
    {
        var algorithm = Ciphers.Get(name);
        var cipher = Ciphers.Create(algorithm, backend, new byte[algorithm.KeyMaterialSize]);
        byte[] iv = new byte[algorithm.IvSize];
        byte[] aad = algorithm.IsAead ? new byte[8] : [];
        byte[] data = new byte[32];
        byte[] icv = new byte[algorithm.IcvSize];
        cipher.Encrypt(iv, aad, data, icv);

        cipher.Dispose();
        cipher.Dispose();

        Assert.False(cipher.TryDecrypt(iv, aad, data, icv));
        Assert.Throws<ObjectDisposedException>(() => cipher.Encrypt(iv, aad, data, icv));
    }
}
