using System.Net;
using System.Runtime.Versioning;

namespace IpsecTun.Platform.Tests;

/// <summary>
/// A TUN device in the test's namespace, up, with MTU 1400, 10.77.0.1/24 and fd77::1/64, and the routes
/// 10.78.0.0/24 and fd78::/64 into it. Must be created and used on the namespace thread.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class TunnelFixture : IDisposable
{
    public const int Mtu = 1400;
    public static readonly IPAddress LocalV4 = IPAddress.Parse("10.77.0.1");
    public static readonly IPAddress LocalV6 = IPAddress.Parse("fd77::1");
    public static readonly IPAddress RoutedNetworkV4 = IPAddress.Parse("10.78.0.0");
    public static readonly IPAddress RoutedNetworkV6 = IPAddress.Parse("fd78::");
    public static readonly IPAddress RemoteV4 = IPAddress.Parse("10.78.0.5");

    public TunnelFixture()
    {
        Device = TunDevice.Open("ipt%d");
        Network = new NetlinkNetworkConfigurator();
        int index = Device.InterfaceIndex;
        Network.SetMtu(index, Mtu);
        Network.SetLinkUp(index, true);
        Network.AddAddress(index, LocalV4, 24);
        Network.AddAddress(index, LocalV6, 64);
        Network.AddRoute(index, RoutedNetworkV4, 24);
        Network.AddRoute(index, RoutedNetworkV6, 64);
    }

    public TunDevice Device { get; }

    public NetlinkNetworkConfigurator Network { get; }

    public void Dispose()
    {
        Network.Dispose();
        Device.Dispose();
    }
}
