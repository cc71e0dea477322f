namespace IpsecTun.Crypto.Tests;

/// <summary>The PRF registry: IANA ids, RouterOS names and sizes (RFC 7296 §3.3.2, RFC 4434, RFC 4615, RFC 4868 §2.1.2).</summary>
public class PrfAlgorithmsTests
{
    [Fact]
    public void Every_rfc_prf_is_registered_with_its_sizes()
    {
        Assert.Equal(
            [
                (PrfTransformId.HmacMd5, "md5", 16, 16),
                (PrfTransformId.HmacSha1, "sha1", 20, 20),
                (PrfTransformId.Aes128Xcbc, "aes-xcbc", 16, 16),
                (PrfTransformId.HmacSha2_256, "sha256", 32, 32),
                (PrfTransformId.HmacSha2_384, "sha384", 48, 48),
                (PrfTransformId.HmacSha2_512, "sha512", 64, 64),
                (PrfTransformId.Aes128Cmac, "aes-cmac", 16, 16),
            ],
            PrfAlgorithms.All.Select(a => (a.Id, a.Name, a.PreferredKeySize, a.OutputSize)));
    }

    [Fact]
    public void Each_prf_and_integrity_transform_is_found_by_id_and_by_name()
    {
        Assert.All(PrfAlgorithms.All, prf =>
        {
            Assert.True(TransformRegistry.TryGetPrf(prf.Id, out PrfAlgorithm? byId));
            Assert.True(TransformRegistry.TryGetPrf(prf.Name.ToUpperInvariant(), out PrfAlgorithm? byName));
            Assert.Same(prf, byId);
            Assert.Same(prf, byName);
        });
        Assert.All(IntegrityAlgorithms.All, integrity =>
        {
            Assert.True(TransformRegistry.TryGetIntegrity(integrity.Id, out IntegrityAlgorithm? byId));
            Assert.True(TransformRegistry.TryGetIntegrity(integrity.Name, out IntegrityAlgorithm? byName));
            Assert.Same(integrity, byId);
            Assert.Same(integrity, byName);
        });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(300)]
    public void Every_prf_takes_keys_of_any_length(int keyLength)
    {
        Assert.All(PrfAlgorithms.All, prf =>
        {
            using KeyedHash mac = prf.Create(TestBytes.Counting(keyLength));
            byte[] output = new byte[prf.OutputSize];
            mac.Compute("message"u8, output);
            Assert.Equal(prf.OutputSize, mac.OutputSize);
            Assert.Contains(output, b => b != 0);
        });
    }
}
