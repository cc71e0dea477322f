namespace IpsecTun.Crypto.Tests;

/// <summary>
/// A published AEAD vector in ESP form: the nonce split into the salt from the keying material and the
/// packet's explicit IV, and the full tag (a truncated ICV is its leading bytes for GCM).
/// </summary>
internal sealed record AeadVector(string Key, string Salt, string Iv, string Aad, string Plaintext, string Ciphertext, string Tag)
{
    /// <summary>Seals the plaintext, expecting the ciphertext and ICV, then opens the result back.</summary>
    public void Check(string algorithm, Backend backend)
    {
        using var cipher = Ciphers.Create(algorithm, backend, Key + Salt);
        int icvSize = cipher.Algorithm.IcvSize;
        byte[] iv = Convert.FromHexString(Iv);
        byte[] aad = Convert.FromHexString(Aad);
        byte[] data = Convert.FromHexString(Plaintext);
        byte[] icv = new byte[icvSize];

        cipher.Encrypt(iv, aad, data, icv);

        Assert.Equal(Ciphertext, Convert.ToHexStringLower(data));
        Assert.Equal(Tag[..(icvSize * 2)], Convert.ToHexStringLower(icv));
        Assert.True(cipher.TryDecrypt(iv, aad, data, icv));
        Assert.Equal(Plaintext, Convert.ToHexStringLower(data));
    }
}
