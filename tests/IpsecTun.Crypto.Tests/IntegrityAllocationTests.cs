namespace IpsecTun.Crypto.Tests;

/// <summary>
/// The per-packet MAC path and prf+ allocate nothing once created: counted with the runtime's
/// per-thread allocation counter after a warm-up call.
/// </summary>
public class IntegrityAllocationTests
{
    public static TheoryData<string> Transforms => new(IntegrityAlgorithms.All.Select(a => a.Name));

    [Theory]
    [MemberData(nameof(Transforms))]
    public void Computing_and_verifying_icvs_allocates_nothing(string name)
    {
        Assert.True(TransformRegistry.TryGetIntegrity(name, out IntegrityAlgorithm? algorithm));
        using PacketAuthenticator authenticator = algorithm.CreateAuthenticator(new byte[algorithm.KeySize]);
        byte[] packet = new byte[1400];
        byte[] icv = new byte[authenticator.IcvSize];
        bool verified = true;

        long allocated = AllocatedBy(() =>
        {
            authenticator.Append(packet.AsSpan(0, 8));
            authenticator.Append(packet.AsSpan(8));
            authenticator.Finish(icv);
            authenticator.Append(packet);
            verified &= authenticator.Verify(icv);
        });

        Assert.True(verified);
        Assert.Equal(0, allocated);
    }

    [Theory]
    [MemberData(nameof(Hmacs.EveryImplementation), MemberType = typeof(Hmacs))]
    public void Hmac_on_either_backend_allocates_nothing(Backend backend, string name)
    {
        using KeyedHash mac = Hmacs.Create(name, backend, new byte[32]);
        byte[] packet = new byte[1400];
        byte[] full = new byte[mac.OutputSize];
        byte[] truncated = new byte[12];

        long allocated = AllocatedBy(() =>
        {
            mac.Append(packet.AsSpan(0, 8));
            mac.Append(packet.AsSpan(8));
            mac.Finish(full);
            mac.Compute(packet, truncated);
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Prf_plus_allocates_nothing()
    {
        using KeyedHash prf = PrfAlgorithms.HmacSha2_256.Create(new byte[32]);
        byte[] seed = new byte[64];
        byte[] output = new byte[200];

        Assert.Equal(0, AllocatedBy(() => PrfPlus.Expand(prf, seed, output)));
    }

    private static long AllocatedBy(Action action)
    {
        action();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            action();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
