namespace IpsecTun.Crypto.Tests;

/// <summary>
/// For every transform libcrypto offers, libcrypto and the managed implementation produce the same bytes
/// on random packets, keep agreeing across packets on one keyed instance, and open each other's output.
/// </summary>
public class BackendAgreementTests
{
    public static TheoryData<string> TransformsWithBothBackends => [.. Ciphers.WithLibCryptoVariant.Select(a => a.Name)];

    [Theory]
    [MemberData(nameof(TransformsWithBothBackends))]
    public void Both_backends_agree_on_random_packets(string name)
    {
        var algorithm = Ciphers.Get(name);
        var random = new Random(name.GetHashCode(StringComparison.Ordinal));
        byte[] keyMaterial = Bytes(random, algorithm.KeyMaterialSize);
        using var native = Ciphers.Create(algorithm, Backend.LibCrypto, keyMaterial);
        using var managed = Ciphers.Create(algorithm, Backend.Managed, keyMaterial);

        for (int packet = 0; packet < 20; packet++)
        {
            int length = random.Next(0, 1500);
            length -= length % algorithm.BlockSize;
            byte[] iv = Bytes(random, algorithm.IvSize);
            byte[] aad = algorithm.IsAead ? Bytes(random, random.Next(8, 13)) : [];
            byte[] plaintext = Bytes(random, length);
            byte[] nativeData = (byte[])plaintext.Clone();
            byte[] managedData = (byte[])plaintext.Clone();
            byte[] nativeIcv = new byte[algorithm.IcvSize];
            byte[] managedIcv = new byte[algorithm.IcvSize];

            native.Encrypt(iv, aad, nativeData, nativeIcv);
            managed.Encrypt(iv, aad, managedData, managedIcv);

            Assert.Equal(Convert.ToHexStringLower(nativeData), Convert.ToHexStringLower(managedData));
            Assert.Equal(Convert.ToHexStringLower(nativeIcv), Convert.ToHexStringLower(managedIcv));
            if (length > 0)
            {
                Assert.NotEqual(plaintext, nativeData);
            }

            Assert.True(managed.TryDecrypt(iv, aad, nativeData, nativeIcv));
            Assert.True(native.TryDecrypt(iv, aad, managedData, managedIcv));
            Assert.Equal(plaintext, nativeData);
            Assert.Equal(plaintext, managedData);
        }
    }

    private static byte[] Bytes(Random random, int count)
    {
        byte[] bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
