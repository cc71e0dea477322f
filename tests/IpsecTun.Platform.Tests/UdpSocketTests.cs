using System.Net;
using System.Runtime.Versioning;
using IpsecTun.Core;

namespace IpsecTun.Platform.Tests;

[SupportedOSPlatform("linux")]
public sealed class UdpSocketTests
{
    private const int LoopbackIndex = 1;

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void A_batch_sent_from_one_socket_arrives_whole_at_another_with_its_source(string loopback)
    {
        IsolatedNetwork.Run(() =>
        {
            using var network = new NetlinkNetworkConfigurator();
            network.SetLinkUp(LoopbackIndex, true);
            var address = IPAddress.Parse(loopback);
            using var sender = UdpSocket.Open(new IPEndPoint(address, 0));
            using var receiver = UdpSocket.Open(new IPEndPoint(address, 0));
            Assert.NotEqual(0, receiver.LocalEndpoint.Port);

            PacketBuffer[] datagrams = [.. Enumerable.Range(1, 3).Select(n => Datagram(new byte[n * 100]))];
            for (int i = 0; i < datagrams.Length; i++)
            {
                datagrams[i].Data.Fill((byte)(i + 1));
            }

            Assert.Equal(3, sender.SendBatch(datagrams, [receiver.LocalEndpoint, receiver.LocalEndpoint, receiver.LocalEndpoint]));

            var received = new List<byte[]>();
            var buffers = new PacketBuffer[8];
            var sources = new NetworkEndpoint[8];
            for (int i = 0; i < buffers.Length; i++)
            {
                buffers[i] = new PacketBuffer(2048, 64);
            }

            using var deadline = new Timer(_ => receiver.StopReceiving(), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
            while (received.Count < 3)
            {
                int count = receiver.ReceiveBatch(buffers, sources);
                Assert.True(count > 0, "the datagrams did not arrive in time");
                for (int i = 0; i < count; i++)
                {
                    Assert.Equal(sender.LocalEndpoint, sources[i]);
                    Assert.Equal(64, buffers[i].Start);
                    received.Add(buffers[i].Data.ToArray());
                }
            }

            Assert.Equal(datagrams.Select(d => d.Data.ToArray()), received);
        });
    }

    [Fact]
    public void A_datagram_larger_than_its_buffer_is_dropped_and_counted_and_the_next_one_arrives()
    {
        IsolatedNetwork.Run(() =>
        {
            using var network = new NetlinkNetworkConfigurator();
            network.SetLinkUp(LoopbackIndex, true);
            using var sender = UdpSocket.Open(new IPEndPoint(IPAddress.Loopback, 0));
            using var receiver = UdpSocket.Open(new IPEndPoint(IPAddress.Loopback, 0));
            Assert.Equal(2, sender.SendBatch([Datagram(new byte[1000]), Datagram([7, 7, 7])], [receiver.LocalEndpoint, receiver.LocalEndpoint]));

            var buffers = new[] { new PacketBuffer(600, 64), new PacketBuffer(600, 64) };
            var sources = new NetworkEndpoint[2];
            using var deadline = new Timer(_ => receiver.StopReceiving(), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
            int count = receiver.ReceiveBatch(buffers, sources);

            Assert.Equal(1, count);
            Assert.Equal(new byte[] { 7, 7, 7 }, buffers[0].Data.ToArray());
            Assert.Equal(1, receiver.OversizedReceives);
        });
    }

    [Fact]
    public void A_refused_datagram_is_counted_and_the_rest_of_the_batch_is_sent()
    {
        IsolatedNetwork.Run(() =>
        {
            using var network = new NetlinkNetworkConfigurator();
            network.SetLinkUp(LoopbackIndex, true);
            using var sender = UdpSocket.Open(new IPEndPoint(IPAddress.Loopback, 0));
            using var receiver = UdpSocket.Open(new IPEndPoint(IPAddress.Loopback, 0));
            // Nothing routes 192.0.2.1 in a fresh namespace: ENETUNREACH for that one datagram.
            var unreachable = new NetworkEndpoint(4, IpAddressBits.FromIPAddress(IPAddress.Parse("192.0.2.1")), 9);

            Assert.Equal(1, sender.SendBatch([Datagram([1]), Datagram([2])], [unreachable, receiver.LocalEndpoint]));
            Assert.Equal(1, sender.SendErrors);
        });
    }

    [Fact]
    public void StopReceiving_releases_a_waiting_receiver()
    {
        IsolatedNetwork.Run(() =>
        {
            using var socket = UdpSocket.Open(new IPEndPoint(IPAddress.Loopback, 0));
            int result = -1;
            var thread = new Thread(() => result = socket.ReceiveBatch(new[] { new PacketBuffer(2048, 0) }, new NetworkEndpoint[1]));
            thread.Start();
            Assert.False(thread.Join(200), "the receiver returned without a datagram");
            socket.StopReceiving();
            Assert.True(thread.Join(TimeSpan.FromSeconds(10)));
            Assert.Equal(0, result);
        });
    }

    private static PacketBuffer Datagram(byte[] payload)
    {
        var buffer = new PacketBuffer(2048, 64);
        Assert.True(buffer.TrySet(payload));
        return buffer;
    }
}
