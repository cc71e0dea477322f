using System.Runtime.Versioning;

namespace IpsecTun.Platform.Tests;

[SupportedOSPlatform("linux")]
public sealed class HostPlatformTests
{
    [Fact]
    public void On_Linux_the_host_platform_is_TUN_and_rtnetlink()
    {
        IsolatedNetwork.Run(() =>
        {
            using ITunDevice device = HostPlatform.OpenTunDevice("ipt%d");
            using INetworkConfigurator network = HostPlatform.CreateConfigurator();
            using IRouteLookup lookup = HostPlatform.CreateRouteLookup();

            Assert.IsType<TunDevice>(device);
            Assert.Equal("ipt0", device.Name);
            Assert.Contains(device.Name, IpCommand.LinkNames());
            Assert.IsType<NetlinkNetworkConfigurator>(network);
            Assert.IsType<NetlinkRouteLookup>(lookup);
        });
    }

    [Fact]
    public void On_Linux_the_sockets_are_the_batched_ones_and_the_path_MTU_is_the_kernel_s()
    {
        IsolatedNetwork.Run(() =>
        {
            using var network = HostPlatform.CreateConfigurator();
            network.SetLinkUp(1, true);
            network.SetMtu(1, 9000);
            using IDatagramSocket udp = HostPlatform.OpenUdpSocket(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0), UdpSocketOptions.Default);
            using IDatagramSocket raw = HostPlatform.OpenRawIpSocket(System.Net.IPAddress.Loopback, IpsecTun.Core.IpProtocol.Esp);

            Assert.IsType<UdpSocket>(udp);
            Assert.IsType<RawIpSocket>(raw);
            Assert.True(HostPlatform.ReceivesRawEsp);
            Assert.Equal(9000, HostPlatform.PathMtu(System.Net.IPAddress.Loopback, System.Net.IPAddress.Loopback));
            Assert.Equal(9000, HostPlatform.PathMtu(System.Net.IPAddress.Any, System.Net.IPAddress.Parse("127.0.0.2")));
            Assert.Equal(0, HostPlatform.PathMtu(System.Net.IPAddress.Any, System.Net.IPAddress.Parse("192.0.2.1")));
        });
    }
}
