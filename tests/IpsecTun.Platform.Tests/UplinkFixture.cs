using System.Net;
using System.Runtime.Versioning;

namespace IpsecTun.Platform.Tests;

/// <summary>
/// An "uplink" in the test's namespace: a veth pair whose end up0 has 10.99.0.1/24 and fd99::1/64, with
/// default routes through the gateways 10.99.0.2 and fd99::2 on it, set up by iproute2. Must be created and
/// used on the namespace thread; it goes away with the namespace.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class UplinkFixture
{
    public const string Name = "up0";
    public static readonly IPAddress LocalV4 = IPAddress.Parse("10.99.0.1");
    public static readonly IPAddress LocalV6 = IPAddress.Parse("fd99::1");
    public static readonly IPAddress GatewayV4 = IPAddress.Parse("10.99.0.2");
    public static readonly IPAddress GatewayV6 = IPAddress.Parse("fd99::2");

    public UplinkFixture(bool withDefaultRoutes = true)
    {
        IpCommand.Json("link", "add", Name, "type", "veth", "peer", "name", "up0peer");
        IpCommand.Json("link", "set", Name, "up");
        IpCommand.Json("link", "set", "up0peer", "up");
        IpCommand.Json("addr", "add", "10.99.0.1/24", "dev", Name);
        IpCommand.Json("addr", "add", "fd99::1/64", "dev", Name, "nodad");
        if (withDefaultRoutes)
        {
            IpCommand.Json("route", "add", "default", "via", "10.99.0.2", "dev", Name);
            IpCommand.Json("-6", "route", "add", "default", "via", "fd99::2", "dev", Name);
        }

        Index = IpCommand.Json("link", "show", "dev", Name)[0].GetProperty("ifindex").GetInt32();
    }

    public int Index { get; }

    public static IPAddress LocalFor(IPAddress destination) =>
        destination.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? LocalV4 : LocalV6;

    public static IPAddress GatewayFor(IPAddress destination) =>
        destination.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? GatewayV4 : GatewayV6;
}
