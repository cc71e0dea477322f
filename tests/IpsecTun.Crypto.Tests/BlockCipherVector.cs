namespace IpsecTun.Crypto.Tests;

/// <summary>Checks a cipher without integrity against a known ciphertext in both directions.</summary>
internal static class BlockCipherVector
{
    public static void Check(string algorithm, Backend backend, string keyMaterial, string iv, string plaintext, string ciphertext)
    {
        using var cipher = Ciphers.Create(algorithm, backend, keyMaterial);
        byte[] ivBytes = Convert.FromHexString(iv);
        byte[] data = Convert.FromHexString(plaintext);

        cipher.Encrypt(ivBytes, [], data, []);
        Assert.Equal(ciphertext.ToLowerInvariant(), Convert.ToHexStringLower(data));

        Assert.True(cipher.TryDecrypt(ivBytes, [], data, []));
        Assert.Equal(plaintext.ToLowerInvariant(), Convert.ToHexStringLower(data));
    }

    /// <summary>
    /// Checks a published single-block (ECB) vector through CBC: with a zero IV the first block encrypts
    /// to the published ciphertext C, and a second block P ^ C chains to C again.
    /// </summary>
    public static void CheckBlockThroughCbc(string algorithm, Backend backend, string key, string plaintext, string ciphertext)
    {
        byte[] p = Convert.FromHexString(plaintext);
        byte[] c = Convert.FromHexString(ciphertext);
        byte[] second = new byte[p.Length];
        for (int i = 0; i < p.Length; i++)
        {
            second[i] = (byte)(p[i] ^ c[i]);
        }

        Check(algorithm, backend, key, new string('0', p.Length * 2), plaintext + Convert.ToHexString(second), ciphertext + ciphertext);
    }

    /// <summary>Encrypts random packets with our cipher and with <c>openssl enc</c>, which must agree.</summary>
    public static void CheckAgainstOpenSsl(string algorithm, Backend backend, string openSslCipher, bool legacy = false)
    {
        var descriptor = Ciphers.Get(algorithm);
        var random = new Random(algorithm.Length);
        byte[] keyMaterial = new byte[descriptor.KeyMaterialSize];
        random.NextBytes(keyMaterial);
        using var cipher = Ciphers.Create(descriptor, backend, keyMaterial);
        foreach (int blocks in new[] { 1, 3, 88 })
        {
            byte[] iv = new byte[descriptor.IvSize];
            byte[] plaintext = new byte[(blocks * 16) - (descriptor.BlockSize == 1 ? 5 : 0)];
            random.NextBytes(iv);
            random.NextBytes(plaintext);

            // openssl takes CTR's whole counter block as its IV: nonce, IV, then block counter 1.
            byte[] openSslIv = descriptor.SaltSize == 0 ? iv : [.. keyMaterial[descriptor.KeySize..], .. iv, 0, 0, 0, 1];
            byte[] expected = OpenSslEnc.Encrypt(openSslCipher, keyMaterial.AsSpan(0, descriptor.KeySize), openSslIv, plaintext, legacy);

            byte[] data = (byte[])plaintext.Clone();
            cipher.Encrypt(iv, [], data, []);
            Assert.Equal(Convert.ToHexStringLower(expected), Convert.ToHexStringLower(data));
            Assert.True(cipher.TryDecrypt(iv, [], data, []));
            Assert.Equal(plaintext, data);
        }
    }
}
