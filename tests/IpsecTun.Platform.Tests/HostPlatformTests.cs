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
}
