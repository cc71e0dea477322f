using System.Net;

namespace IpsecTun.Interop.Tests.Lab;

/// <summary>
/// <see cref="SiteToSiteLab"/> with IPv6 beside IPv4: Left (2001:db8:99::1) and Right (2001:db8:99::2) on a veth
/// pair, each with an inside address on its loopback (fd01::1 and fd02::1) standing for the network behind it,
/// and <see cref="SiteToSiteLab"/>'s IPv4 addresses as well, for tunnels that carry one family inside the other.
/// IPv6 addresses skip duplicate address detection, so they are usable at once.
/// </summary>
internal sealed class SiteToSiteLab6 : IDisposable
{
    public static readonly IPAddress LeftOuter = IPAddress.Parse("2001:db8:99::1");
    public static readonly IPAddress RightOuter = IPAddress.Parse("2001:db8:99::2");
    public static readonly IPAddress LeftInside = IPAddress.Parse("fd01::1");
    public static readonly IPAddress RightInside = IPAddress.Parse("fd02::1");
    public const string LeftNet = "fd01::/64";
    public const string RightNet = "fd02::/64";

    private static int s_counter;
    private readonly string _left;
    private readonly string _right;

    public SiteToSiteLab6()
    {
        int id = Interlocked.Increment(ref s_counter);
        _left = $"v6l{Environment.ProcessId % 100000}x{id}";
        _right = $"v6r{Environment.ProcessId % 100000}x{id}";
        Left = new NetworkNamespace("l6");
        Right = new NetworkNamespace("r6");
        try
        {
            Command.Run("ip", "link", "add", _left, "netns", Left.Name, "type", "veth", "peer", "name", _right, "netns", Right.Name).EnsureSuccess();
            Join(Left, _left, (LeftOuter, LeftInside), (SiteToSiteLab.LeftOuter, SiteToSiteLab.LeftInside));
            Join(Right, _right, (RightOuter, RightInside), (SiteToSiteLab.RightOuter, SiteToSiteLab.RightInside));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public NetworkNamespace Left { get; }

    public NetworkNamespace Right { get; }

    /// <summary>Sets the MTU of both ends of the veth pair, the path between the outer addresses.</summary>
    public void SetLinkMtu(int mtu)
    {
        string value = mtu.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Left.Ip("link", "set", _left, "mtu", value);
        Right.Ip("link", "set", _right, "mtu", value);
    }

    private static void Join(NetworkNamespace side, string veth, (IPAddress Outer, IPAddress Inside) v6, (IPAddress Outer, IPAddress Inside) v4)
    {
        side.Ip("-6", "addr", "add", $"{v6.Outer}/64", "dev", veth, "nodad");
        side.Ip("addr", "add", $"{v4.Outer}/24", "dev", veth);
        side.Ip("link", "set", veth, "up");
        side.Ip("-6", "addr", "add", $"{v6.Inside}/128", "dev", "lo", "nodad");
        side.Ip("addr", "add", $"{v4.Inside}/32", "dev", "lo");
    }

    public void Dispose()
    {
        Left.Dispose();
        Right.Dispose();
    }
}
