using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using IpsecTun.Platform.Sockets;
using static Tmds.Linux.LibC;

namespace IpsecTun.Platform.Tests.Sockets;

/// <summary>What the portable options become on Linux, read back from the kernel.</summary>
[SupportedOSPlatform("linux")]
public sealed class ManagedUdpSocketOptionsTests
{
    [Theory]
    [InlineData("127.0.0.1", OuterFragmentation.DontFragment)]
    [InlineData("127.0.0.1", OuterFragmentation.Fragment)]
    [InlineData("::1", OuterFragmentation.DontFragment)]
    [InlineData("::1", OuterFragmentation.Fragment)]
    public void Options_are_applied_and_read_back_from_the_kernel(string loopback, OuterFragmentation fragmentation)
    {
        IsolatedNetwork.Run(() =>
        {
            using var network = new NetlinkNetworkConfigurator();
            network.SetLinkUp(1, true);
            // Below net.core.rmem_max and wmem_max, so no FORCE variant is needed; the kernel doubles them.
            var options = new UdpSocketOptions { ReceiveBufferSize = 96 << 10, SendBufferSize = 80 << 10, Fragmentation = fragmentation };
            var address = IPAddress.Parse(loopback);

            using var socket = ManagedUdpSocket.Open(new IPEndPoint(address, 0), options);

            Assert.Equal(2 * options.ReceiveBufferSize, socket.ReceiveBufferSize);
            Assert.Equal(2 * options.SendBufferSize, socket.SendBufferSize);
            int expected = fragmentation == OuterFragmentation.DontFragment ? IP_PMTUDISC_DO : IP_PMTUDISC_DONT;
            if (address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                Assert.Equal(1, socket.GetOption(IPPROTO_IPV6, IPV6_V6ONLY));
                Assert.Equal(expected, socket.GetOption(IPPROTO_IPV6, IPV6_MTU_DISCOVER));
            }
            else
            {
                Assert.Equal(expected, socket.GetOption(IPPROTO_IP, IP_MTU_DISCOVER));
            }
        });
    }

    [Fact]
    public void Default_options_leave_the_system_settings()
    {
        IsolatedNetwork.Run(() =>
        {
            using var socket = ManagedUdpSocket.Open(new IPEndPoint(IPAddress.Any, 0), UdpSocketOptions.Default);
            using var tuned = ManagedUdpSocket.Open(new IPEndPoint(IPAddress.Any, 0), new UdpSocketOptions { ReceiveBufferSize = 96 << 10 });

            Assert.NotEqual(tuned.ReceiveBufferSize, socket.ReceiveBufferSize);
            Assert.Equal(IP_PMTUDISC_WANT, socket.GetOption(IPPROTO_IP, IP_MTU_DISCOVER));
        });
    }

    [Fact]
    public void A_bound_IPv4_socket_with_DF_refuses_a_datagram_above_the_path_MTU_and_counts_it()
    {
        IsolatedNetwork.Run(() =>
        {
            using var network = new NetlinkNetworkConfigurator();
            network.SetLinkUp(1, true);
            network.SetMtu(1, 1400);
            var options = new UdpSocketOptions { Fragmentation = OuterFragmentation.DontFragment };
            using var sender = ManagedUdpSocket.Open(new IPEndPoint(IPAddress.Loopback, 0), options);
            using var receiver = ManagedUdpSocket.Open(new IPEndPoint(IPAddress.Loopback, 0), options);
            var big = new IpsecTun.Core.PacketBuffer(4096, 0);
            Assert.True(big.TrySet(new byte[1500]));

            Assert.Equal(1, sender.SendBatch([big, Datagrams.With([1])], [receiver.LocalEndpoint, receiver.LocalEndpoint]));
            Assert.Equal(1, sender.SendErrors);
            Assert.Equal([1], Datagrams.Receive(receiver, 1)[0].Data);
        });
    }
}
