using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using static IpsecTun.Platform.Tests.Sockets.SocketsUnderTest;
using static Tmds.Linux.LibC;

namespace IpsecTun.Platform.Tests.Sockets;

/// <summary>What <see cref="UdpSocketOptions"/> become on both UDP paths, read back from the kernel.</summary>
[SupportedOSPlatform("linux")]
public sealed class UdpSocketOptionsTests
{
    [Theory]
    [InlineData(SocketKind.Batched, "127.0.0.1", OuterFragmentation.DontFragment)]
    [InlineData(SocketKind.Batched, "127.0.0.1", OuterFragmentation.Fragment)]
    [InlineData(SocketKind.Batched, "::1", OuterFragmentation.DontFragment)]
    [InlineData(SocketKind.Batched, "::1", OuterFragmentation.Fragment)]
    [InlineData(SocketKind.Managed, "127.0.0.1", OuterFragmentation.DontFragment)]
    [InlineData(SocketKind.Managed, "127.0.0.1", OuterFragmentation.Fragment)]
    [InlineData(SocketKind.Managed, "::1", OuterFragmentation.DontFragment)]
    [InlineData(SocketKind.Managed, "::1", OuterFragmentation.Fragment)]
    public void Options_are_applied_and_read_back_from_the_kernel(SocketKind kind, string loopback, OuterFragmentation fragmentation)
    {
        InLoopback(() =>
        {
            // Below net.core.rmem_max and wmem_max, which only the batched path's FORCE options pass.
            var options = new UdpSocketOptions { ReceiveBufferSize = 96 << 10, SendBufferSize = 80 << 10, Fragmentation = fragmentation };
            var address = IPAddress.Parse(loopback);

            using IDatagramSocket socket = Udp(kind, address, options);

            // The kernel doubles the size for its bookkeeping.
            Assert.Equal((2 * options.ReceiveBufferSize, 2 * options.SendBufferSize), BufferSizes(socket));
            int expected = fragmentation == OuterFragmentation.DontFragment ? IP_PMTUDISC_DO : IP_PMTUDISC_DONT;
            if (address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                Assert.Equal(1, Option(socket, IPPROTO_IPV6, IPV6_V6ONLY));
                Assert.Equal(expected, Option(socket, IPPROTO_IPV6, IPV6_MTU_DISCOVER));
            }
            else
            {
                Assert.Equal(expected, Option(socket, IPPROTO_IP, IP_MTU_DISCOVER));
            }
        });
    }

    [Fact]
    public void As_root_the_batched_path_passes_the_system_limit_on_buffer_sizes()
    {
        IsolatedNetwork.Run(() =>
        {
            var options = new UdpSocketOptions { ReceiveBufferSize = 4 << 20, SendBufferSize = 3 << 20 };

            using IDatagramSocket socket = Udp(SocketKind.Batched, IPAddress.Any, options);

            Assert.Equal((2 * options.ReceiveBufferSize, 2 * options.SendBufferSize), BufferSizes(socket));
        });
    }

    [Theory]
    [InlineData(SocketKind.Batched)]
    [InlineData(SocketKind.Managed)]
    public void A_shared_port_binds_on_a_specific_address_beside_the_wildcard_and_gets_that_address_datagrams(SocketKind kind)
    {
        InLoopback(() =>
        {
            var shared = new UdpSocketOptions { SharesPort = true };
            using IDatagramSocket wildcard = Udp(kind, IPAddress.Any, shared);
            int port = wildcard.LocalEndpoint.Port;
            using IDatagramSocket specific = Udp(kind, new IPEndPoint(IPAddress.Loopback, port), shared);
            Assert.ThrowsAny<Exception>(() => Udp(kind, new IPEndPoint(IPAddress.Loopback, port)).Dispose());

            using IDatagramSocket sender = Udp(kind, IPAddress.Loopback);
            Assert.Equal(1, sender.SendBatch([Datagrams.With([1, 2, 3])], [specific.LocalEndpoint]));
            Assert.Equal(new byte[] { 1, 2, 3 }, Datagrams.Receive(specific, 1)[0].Data);
        });
    }

    [Theory]
    [InlineData(SocketKind.Batched)]
    [InlineData(SocketKind.Managed)]
    public void A_mark_is_set_on_the_socket_and_none_by_default(SocketKind kind)
    {
        IsolatedNetwork.Run(() =>
        {
            using IDatagramSocket marked = Udp(kind, IPAddress.Any, new UdpSocketOptions { Mark = PolicyRouting.Mark });
            using IDatagramSocket plain = Udp(kind, IPAddress.Any);

            Assert.Equal((int)PolicyRouting.Mark, Option(marked, SOL_SOCKET, SO_MARK));
            Assert.Equal(0, Option(plain, SOL_SOCKET, SO_MARK));
        });
    }

    [Theory]
    [InlineData(SocketKind.Batched)]
    [InlineData(SocketKind.Managed)]
    public void Default_options_leave_the_system_settings(SocketKind kind)
    {
        IsolatedNetwork.Run(() =>
        {
            using IDatagramSocket socket = Udp(kind, IPAddress.Any);
            using IDatagramSocket tuned = Udp(kind, IPAddress.Any, new UdpSocketOptions { ReceiveBufferSize = 96 << 10 });

            Assert.NotEqual(BufferSizes(tuned).Receive, BufferSizes(socket).Receive);
            Assert.Equal(IP_PMTUDISC_WANT, Option(socket, IPPROTO_IP, IP_MTU_DISCOVER));
        });
    }

    [Theory]
    [InlineData(SocketKind.Batched)]
    [InlineData(SocketKind.Managed)]
    public void With_DF_a_datagram_above_the_path_MTU_is_refused_and_counted(SocketKind kind)
    {
        InLoopback(() =>
        {
            using (var network = new NetlinkNetworkConfigurator())
            {
                network.SetMtu(1, 1400);
            }

            var options = new UdpSocketOptions { Fragmentation = OuterFragmentation.DontFragment };
            using IDatagramSocket sender = Udp(kind, IPAddress.Loopback, options);
            using IDatagramSocket receiver = Udp(kind, IPAddress.Loopback, options);
            var big = new IpsecTun.Core.PacketBuffer(4096, 0);
            Assert.True(big.TrySet(new byte[1500]));

            Assert.Equal(1, sender.SendBatch([big, Datagrams.With([1])], [receiver.LocalEndpoint, receiver.LocalEndpoint]));
            Assert.Equal(1, sender.SendErrors);
            Assert.Equal([1], Datagrams.Receive(receiver, 1)[0].Data);
        });
    }
}
