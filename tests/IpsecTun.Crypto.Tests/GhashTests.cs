namespace IpsecTun.Crypto.Tests;

/// <summary>
/// The managed GCM's GHASH: the carry-less path (which the GCM vectors exercise on this processor) and
/// the portable bitwise path agree on random keys and inputs of every length up to a few blocks.
/// </summary>
public class GhashTests
{
    [Fact]
    public void Carryless_and_bitwise_multiplication_agree()
    {
        Assert.SkipUnless(Ghash.CarrylessMultiplyIsSupported, "this processor has no carry-less multiply");
        var random = new Random(128);
        for (int trial = 0; trial < 200; trial++)
        {
            byte[] hashKey = new byte[16];
            byte[] input = new byte[random.Next(0, 80)];
            random.NextBytes(hashKey);
            random.NextBytes(input);

            Assert.Equal(Hash(new Ghash(useCarrylessMultiply: false), hashKey, input), Hash(new Ghash(useCarrylessMultiply: true), hashKey, input));
        }
    }

    private static string Hash(Ghash ghash, byte[] hashKey, byte[] input)
    {
        ghash.SetHashKey(hashKey);
        ghash.Absorb(input);
        byte[] output = new byte[16];
        ghash.WriteTo(output);
        return Convert.ToHexStringLower(output);
    }
}
