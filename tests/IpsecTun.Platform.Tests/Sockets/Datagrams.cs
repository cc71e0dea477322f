using IpsecTun.Core;

namespace IpsecTun.Platform.Tests.Sockets;

/// <summary>Packet buffers for the socket tests, and receiving with a deadline that stops the receiver.</summary>
internal static class Datagrams
{
    public const int Headroom = 64;

    public static PacketBuffer With(byte[] payload)
    {
        var buffer = new PacketBuffer(2048, Headroom);
        Assert.True(buffer.TrySet(payload));
        return buffer;
    }

    public static PacketBuffer[] Buffers(int count, int size = 2048) =>
        [.. Enumerable.Range(0, count).Select(_ => new PacketBuffer(size, Headroom))];

    /// <summary>Receives until <paramref name="expected"/> datagrams arrived; fails after ten seconds.</summary>
    public static List<(byte[] Data, NetworkEndpoint Source)> Receive(IDatagramSocket socket, int expected, int batch = 8)
    {
        var received = new List<(byte[], NetworkEndpoint)>();
        PacketBuffer[] buffers = Buffers(batch);
        var sources = new NetworkEndpoint[batch];
        using var deadline = new Timer(_ => socket.StopReceiving(), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        while (received.Count < expected)
        {
            int count = socket.ReceiveBatch(buffers, sources);
            Assert.True(count > 0, $"{received.Count} of {expected} datagrams arrived in time");
            for (int i = 0; i < count; i++)
            {
                Assert.Equal(Headroom, buffers[i].Start);
                received.Add((buffers[i].Data.ToArray(), sources[i]));
            }
        }

        return received;
    }
}
