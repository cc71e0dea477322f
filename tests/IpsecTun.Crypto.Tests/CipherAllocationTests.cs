namespace IpsecTun.Crypto.Tests;

/// <summary>Sealing and opening a packet allocates nothing on the managed heap, for every transform on both backends.</summary>
public class CipherAllocationTests
{
    [Theory]
    [MemberData(nameof(Ciphers.EveryImplementation), MemberType = typeof(Ciphers))]
    public void Per_packet_calls_allocate_nothing(string name, Backend backend)
    {
        var algorithm = Ciphers.Get(name);
        using var cipher = Ciphers.Create(algorithm, backend, new byte[algorithm.KeyMaterialSize]);
        byte[] iv = new byte[algorithm.IvSize];
        byte[] aad = algorithm.IsAead ? new byte[8] : [];
        byte[] data = new byte[1392];
        byte[] icv = new byte[algorithm.IcvSize];
        RoundTrip(cipher, iv, aad, data, icv);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            RoundTrip(cipher, iv, aad, data, icv);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void RoundTrip(PacketCipher cipher, byte[] iv, byte[] aad, byte[] data, byte[] icv)
    {
        if (iv.Length > 0)
        {
            iv[^1]++;
        }

        cipher.Encrypt(iv, aad, data, icv);
        if (!cipher.TryDecrypt(iv, aad, data, icv))
        {
            throw new InvalidOperationException("a sealed packet did not open");
        }
    }
}
