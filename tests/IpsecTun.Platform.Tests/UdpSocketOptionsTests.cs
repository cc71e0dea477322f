using System.Net;
using System.Runtime.Versioning;
using static Tmds.Linux.LibC;

namespace IpsecTun.Platform.Tests;

[SupportedOSPlatform("linux")]
public sealed class UdpSocketOptionsTests
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
            var options = new UdpSocketOptions { ReceiveBufferSize = 4 << 20, SendBufferSize = 3 << 20, Fragmentation = fragmentation };
            var address = IPAddress.Parse(loopback);

            using var socket = UdpSocket.Open(new IPEndPoint(address, 0), options);

            Assert.Equal(address, socket.LocalEndpoint.ToIPEndPoint().Address);
            // The kernel doubles the size for its bookkeeping; as root the FORCE option passes rmem_max.
            Assert.Equal(2 * options.ReceiveBufferSize, socket.ReceiveBufferSize);
            Assert.Equal(2 * options.SendBufferSize, socket.SendBufferSize);
            int expected = fragmentation == OuterFragmentation.DontFragment ? IP_PMTUDISC_DO : IP_PMTUDISC_DONT;
            if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                Assert.Equal(expected, socket.GetOption(IPPROTO_IPV6, IPV6_MTU_DISCOVER));
                Assert.Equal(1, socket.GetOption(IPPROTO_IPV6, IPV6_V6ONLY));
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
            using var socket = UdpSocket.Open(new IPEndPoint(IPAddress.Any, 0));
            using var tuned = UdpSocket.Open(new IPEndPoint(IPAddress.Any, 0), new UdpSocketOptions { ReceiveBufferSize = 4 << 20 });

            Assert.NotEqual(tuned.ReceiveBufferSize, socket.ReceiveBufferSize);
            Assert.Equal(IP_PMTUDISC_WANT, socket.GetOption(IPPROTO_IP, IP_MTU_DISCOVER));
        });
    }
}
