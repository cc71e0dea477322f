using System.Net;

namespace IpsecTun.Interop.Tests.Lab;

/// <summary>
/// <see cref="SiteToSiteLab"/> with IPv6 beside its IPv4: Left (2001:db8:99::1) and Right (2001:db8:99::2) on the
/// veth pair, each with an inside address on its loopback (fd01::1 and fd02::1) standing for the network behind it,
/// for tunnels over IPv6 and for tunnels that carry one family inside the other. The IPv6 addresses skip duplicate
/// address detection, so they are usable at once.
/// </summary>
internal sealed class SiteToSiteLab6 : IDisposable
{
    public static readonly IPAddress LeftOuter = IPAddress.Parse("2001:db8:99::1");
    public static readonly IPAddress RightOuter = IPAddress.Parse("2001:db8:99::2");
    public static readonly IPAddress LeftInside = IPAddress.Parse("fd01::1");
    public static readonly IPAddress RightInside = IPAddress.Parse("fd02::1");
    public const string LeftNet = "fd01::/64";
    public const string RightNet = "fd02::/64";

    private readonly SiteToSiteLab _lab = new();

    public SiteToSiteLab6()
    {
        try
        {
            AddIpv6(Left, _lab.LeftDevice, LeftOuter, LeftInside);
            AddIpv6(Right, _lab.RightDevice, RightOuter, RightInside);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public NetworkNamespace Left => _lab.Left;

    public NetworkNamespace Right => _lab.Right;

    /// <summary>Sets the MTU of both ends of the veth pair, the path between the outer addresses.</summary>
    public void SetLinkMtu(int mtu)
    {
        string value = mtu.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Left.Ip("link", "set", _lab.LeftDevice, "mtu", value);
        Right.Ip("link", "set", _lab.RightDevice, "mtu", value);
    }

    private static void AddIpv6(NetworkNamespace side, string veth, IPAddress outer, IPAddress inside)
    {
        side.Ip("-6", "addr", "add", $"{outer}/64", "dev", veth, "nodad");
        side.Ip("-6", "addr", "add", $"{inside}/128", "dev", "lo", "nodad");
    }

    public void Dispose() => _lab.Dispose();
}
