namespace IpsecTun.Crypto.Tests;

/// <summary>The shape of prf+ (RFC 7296 §2.13): T1 = prf(K, S | 0x01), Tn = prf(K, Tn-1 | S | n), at most 255 blocks.</summary>
public class PrfPlusTests
{
    private static readonly byte[] Key = TestBytes.Fill(0x4b, 20);
    private static readonly byte[] Seed = TestBytes.Counting(40);

    [Fact]
    public void Blocks_chain_the_previous_output_the_seed_and_a_counter()
    {
        using KeyedHash prf = PrfAlgorithms.HmacSha1.Create(Key);
        byte[] t1 = Prf(prf, [.. Seed, 0x01]);
        byte[] t2 = Prf(prf, [.. t1, .. Seed, 0x02]);
        byte[] t3 = Prf(prf, [.. t2, .. Seed, 0x03]);
        byte[] output = new byte[50];

        PrfPlus.Expand(prf, Seed, output);

        Assert.Equal([.. t1, .. t2, .. t3[..10]], output);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(21)]
    [InlineData(199)]
    public void A_shorter_request_is_a_prefix_of_a_longer_one(int length)
    {
        using KeyedHash prf = PrfAlgorithms.Aes128Cmac.Create(Key);
        byte[] longer = new byte[200];
        byte[] shorter = new byte[length];

        PrfPlus.Expand(prf, Seed, longer);
        PrfPlus.Expand(prf, Seed, shorter);

        Assert.Equal(longer[..length], shorter);
    }

    [Fact]
    public void Exactly_255_blocks_are_allowed_and_distinct()
    {
        using KeyedHash prf = PrfAlgorithms.HmacSha1.Create(Key);
        byte[] output = new byte[PrfPlus.MaxOutputLength(prf)];

        PrfPlus.Expand(prf, Seed, output);

        Assert.Equal(255 * 20, output.Length);
        Assert.Equal(255, output.Chunk(20).Select(Convert.ToHexString).Distinct().Count());
    }

    [Fact]
    public void A_256th_block_is_refused()
    {
        using KeyedHash prf = PrfAlgorithms.HmacSha2_512.Create(Key);
        byte[] output = new byte[(255 * 64) + 1];

        Assert.Throws<ArgumentOutOfRangeException>(() => PrfPlus.Expand(prf, Seed, output));
    }

    [Fact]
    public void Nothing_requested_writes_nothing()
    {
        using KeyedHash prf = PrfAlgorithms.HmacSha1.Create(Key);
        using KeyedHash fresh = PrfAlgorithms.HmacSha1.Create(Key);

        PrfPlus.Expand(prf, Seed, []);

        // The PRF is left clean: the next message computes as if nothing happened.
        Assert.Equal(Prf(fresh, Seed), Prf(prf, Seed));
    }

    private static byte[] Prf(KeyedHash prf, byte[] message)
    {
        byte[] output = new byte[prf.OutputSize];
        prf.Compute(message, output);
        return output;
    }
}
