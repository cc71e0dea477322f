using System.ComponentModel;
using System.Net;
using System.Runtime.Versioning;
using IpsecTun.Core;
using IpsecTun.Esp;
using static IpsecTun.Platform.Tests.Sockets.SocketsUnderTest;

namespace IpsecTun.Platform.Tests.Sockets;

/// <summary>Both UDP paths over loopback, each in a network namespace of its own.</summary>
[SupportedOSPlatform("linux")]
public sealed class UdpSocketTests
{
    [Theory]
    [InlineData(SocketKind.Batched, "127.0.0.1")]
    [InlineData(SocketKind.Batched, "::1")]
    [InlineData(SocketKind.Managed, "127.0.0.1")]
    [InlineData(SocketKind.Managed, "::1")]
    public void A_batch_arrives_whole_in_order_with_its_source(SocketKind kind, string loopback)
    {
        InLoopback(() =>
        {
            var address = IPAddress.Parse(loopback);
            using IDatagramSocket sender = Udp(kind, address);
            using IDatagramSocket receiver = Udp(kind, address);
            Assert.NotEqual(0, receiver.LocalEndpoint.Port);
            Assert.Equal(address, receiver.LocalEndpoint.ToIPEndPoint().Address);
            PacketBuffer[] datagrams = [.. Enumerable.Range(1, 5).Select(n => Datagrams.With(Enumerable.Repeat((byte)n, n * 100).ToArray()))];

            Assert.Equal(5, sender.SendBatch(datagrams, Enumerable.Repeat(receiver.LocalEndpoint, 5).ToArray()));
            var received = Datagrams.Receive(receiver, 5);

            Assert.Equal(datagrams.Select(d => d.Data.ToArray()), received.Select(r => r.Data));
            Assert.All(received, r => Assert.Equal(sender.LocalEndpoint, r.Source));
            Assert.Equal(0, receiver.OversizedReceives);
        });
    }

    [Theory]
    [InlineData(SocketKind.Batched)]
    [InlineData(SocketKind.Managed)]
    public void One_receive_drains_what_is_queued_up_to_the_buffers_given(SocketKind kind)
    {
        InLoopback(() =>
        {
            using IDatagramSocket sender = Udp(kind, IPAddress.Loopback);
            using IDatagramSocket receiver = Udp(kind, IPAddress.Loopback);
            PacketBuffer[] datagrams = [.. Enumerable.Range(1, 5).Select(n => Datagrams.With([(byte)n]))];
            // Loopback queues each datagram at the receiver before sendto returns.
            Assert.Equal(5, sender.SendBatch(datagrams, Enumerable.Repeat(receiver.LocalEndpoint, 5).ToArray()));

            PacketBuffer[] buffers = Datagrams.Buffers(3);
            var sources = new NetworkEndpoint[3];
            Assert.Equal(3, receiver.ReceiveBatch(buffers, sources));
            Assert.Equal([1, 2, 3], buffers.Select(b => b.Data[0]));
            Assert.Equal(2, receiver.ReceiveBatch(buffers, sources));
            Assert.Equal([4, 5], buffers.Take(2).Select(b => b.Data[0]));
        });
    }

    [Theory]
    [InlineData(SocketKind.Batched)]
    [InlineData(SocketKind.Managed)]
    public void IKE_behind_the_non_ESP_marker_ESP_and_keepalives_keep_their_bytes_on_the_NAT_T_port(SocketKind kind)
    {
        InLoopback(() =>
        {
            using IDatagramSocket peer = Udp(kind, IPAddress.Loopback);
            using IDatagramSocket natT = Udp(kind, IPAddress.Loopback);
            byte[] ikeMessage = [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x21, 0x20, 0x22, 0x08];
            PacketBuffer ike = Datagrams.With(ikeMessage);
            Assert.True(NatTraversal.TryPrependNonEspMarker(ike));
            byte[] esp = [0xC0, 0xFF, 0xEE, 0x01, 0x00, 0x00, 0x00, 0x07, 0xAB, 0xCD];
            var keepalive = new byte[NatTraversal.KeepaliveLength];
            NatTraversal.WriteKeepalive(keepalive);

            Assert.Equal(3, peer.SendBatch([ike, Datagrams.With(esp), Datagrams.With(keepalive)], Enumerable.Repeat(natT.LocalEndpoint, 3).ToArray()));
            var received = Datagrams.Receive(natT, 3);

            Assert.Equal([UdpPayloadKind.Ike, UdpPayloadKind.Esp, UdpPayloadKind.Keepalive], received.Select(r => NatTraversal.Classify(r.Data)));
            Assert.Equal(ikeMessage, NatTraversal.IkeMessage(received[0].Data).ToArray());
            Assert.Equal(esp, received[1].Data);
        });
    }

    [Theory]
    [InlineData(SocketKind.Batched)]
    [InlineData(SocketKind.Managed)]
    public void A_datagram_that_does_not_fit_is_dropped_and_counted_and_the_next_ones_arrive(SocketKind kind)
    {
        InLoopback(() =>
        {
            using IDatagramSocket sender = Udp(kind, IPAddress.Loopback);
            using IDatagramSocket receiver = Udp(kind, IPAddress.Loopback);
            PacketBuffer[] buffers = Datagrams.Buffers(3, 600);
            int room = buffers[0].Writable.Length;
            byte[] full = Enumerable.Repeat((byte)8, room).ToArray();
            byte[] largest = Enumerable.Repeat((byte)9, room - 1).ToArray();
            PacketBuffer[] datagrams = [Datagrams.With(new byte[1000]), Datagrams.With(full), Datagrams.With(largest)];

            Assert.Equal(3, sender.SendBatch(datagrams, Enumerable.Repeat(receiver.LocalEndpoint, 3).ToArray()));
            var sources = new NetworkEndpoint[3];
            using var deadline = new Timer(_ => receiver.StopReceiving(), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
            int count = receiver.ReceiveBatch(buffers, sources);

            // recvmmsg reports truncation (MSG_TRUNC), so a datagram filling the buffer exactly is whole; the managed
            // path cannot tell it from a cut one and drops it as oversized too.
            byte[][] expected = kind == SocketKind.Batched ? [full, largest] : [largest];
            Assert.Equal(expected, buffers.Take(count).Select(b => b.Data.ToArray()));
            Assert.Equal(3 - expected.Length, receiver.OversizedReceives);
        });
    }

    [Theory]
    [InlineData(SocketKind.Batched)]
    [InlineData(SocketKind.Managed)]
    public void A_refused_datagram_is_counted_and_the_rest_of_the_batch_is_sent(SocketKind kind)
    {
        InLoopback(() =>
        {
            using IDatagramSocket sender = Udp(kind, IPAddress.Loopback);
            using IDatagramSocket receiver = Udp(kind, IPAddress.Loopback);
            // Nothing routes 192.0.2.1 in a fresh namespace, and an IPv6 destination does not suit an IPv4 socket.
            var unreachable = new NetworkEndpoint(4, IpAddressBits.FromIPAddress(IPAddress.Parse("192.0.2.1")), 9);
            var otherFamily = new NetworkEndpoint(6, 1, 9);

            Assert.Equal(1, sender.SendBatch([Datagrams.With([1]), Datagrams.With([2]), Datagrams.With([3])], [unreachable, otherFamily, receiver.LocalEndpoint]));
            Assert.Equal(2, sender.SendErrors);
            Assert.Equal([3], Datagrams.Receive(receiver, 1)[0].Data);
        });
    }

    [Theory]
    [InlineData(SocketKind.Batched)]
    [InlineData(SocketKind.Managed)]
    public void StopReceiving_releases_a_waiting_receiver_and_later_ones(SocketKind kind)
    {
        InLoopback(() =>
        {
            using IDatagramSocket socket = Udp(kind, IPAddress.Loopback);
            int result = -1;
            var thread = new Thread(() => result = socket.ReceiveBatch(Datagrams.Buffers(1), new NetworkEndpoint[1]));
            thread.Start();
            Assert.False(thread.Join(300), "the receiver returned without a datagram");
            socket.StopReceiving();
            Assert.True(thread.Join(TimeSpan.FromSeconds(10)));
            Assert.Equal(0, result);
            Assert.Equal(0, socket.ReceiveBatch(Datagrams.Buffers(1), new NetworkEndpoint[1]));
        });
    }

    [Theory]
    [InlineData(SocketKind.Batched)]
    [InlineData(SocketKind.Managed)]
    public void A_port_in_use_fails_with_one_error_naming_the_address(SocketKind kind)
    {
        InLoopback(() =>
        {
            using IDatagramSocket first = Udp(kind, IPAddress.Loopback);
            IPEndPoint taken = first.LocalEndpoint.ToIPEndPoint();

            var error = Assert.ThrowsAny<Win32Exception>(() => Udp(kind, taken));

            Assert.Equal(Tmds.Linux.LibC.EADDRINUSE, error.NativeErrorCode);
            Assert.Contains(taken.ToString(), error.Message, StringComparison.Ordinal);
        });
    }
}
