using System.Runtime.Versioning;

namespace IpsecTun.Platform.Tests;

[SupportedOSPlatform("linux")]
public sealed class SystemNetworkTests
{
    [Fact]
    public void On_Linux_the_system_network_is_TUN_and_rtnetlink()
    {
        IsolatedNetwork.Run(() =>
        {
            using ITunDevice device = SystemNetwork.OpenTunDevice("ipt%d");
            using INetworkConfigurator network = SystemNetwork.CreateConfigurator();
            using IRouteLookup lookup = SystemNetwork.CreateRouteLookup();

            Assert.IsType<TunDevice>(device);
            Assert.Equal("ipt0", device.Name);
            Assert.Contains(device.Name, IpCommand.LinkNames());
            Assert.IsType<NetlinkNetworkConfigurator>(network);
            Assert.IsType<NetlinkRouteLookup>(lookup);
        });
    }
}
