using IpsecTun.Core;

namespace IpsecTun.Platform.Tests;

/// <summary>
/// Reads packets from a TUN until one matches, skipping what the kernel sends on its own (IPv6 router
/// solicitations, MLD reports). Gives up after a deadline by stopping the reader, so a missing packet
/// fails the test instead of hanging it.
/// </summary>
internal static class TunReader
{
    public delegate bool PacketFilter(Span<byte> packet);

    public static byte[] ReadFirst(ITunDevice device, PacketFilter matches, int capacity = 2048)
    {
        var buffers = new PacketBuffer[4];
        for (int i = 0; i < buffers.Length; i++)
        {
            buffers[i] = new PacketBuffer(capacity, 128);
        }

        using var deadline = new Timer(_ => device.StopReading(), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        while (true)
        {
            int count = device.ReadBatch(buffers);
            Assert.True(count > 0, "no matching packet came out of the TUN device in time");
            for (int i = 0; i < count; i++)
            {
                if (matches(buffers[i].Data))
                {
                    return buffers[i].Data.ToArray();
                }
            }
        }
    }
}
