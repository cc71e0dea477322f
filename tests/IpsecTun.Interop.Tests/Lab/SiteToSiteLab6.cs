using System.Net;

namespace IpsecTun.Interop.Tests.Lab;

/// <summary>
/// <see cref="SiteToSiteLab"/> over IPv6: Left (2001:db8:99::1) and Right (2001:db8:99::2) on a veth pair,
/// each with an inside address on its loopback (fd01::1 and fd02::1) standing for the network behind it.
/// Addresses skip duplicate address detection, so they are usable at once.
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

    public SiteToSiteLab6()
    {
        Left = new NetworkNamespace("l6");
        Right = new NetworkNamespace("r6");
        try
        {
            int id = Interlocked.Increment(ref s_counter);
            string left = $"v6l{Environment.ProcessId % 100000}x{id}";
            string right = $"v6r{Environment.ProcessId % 100000}x{id}";
            Command.Run("ip", "link", "add", left, "netns", Left.Name, "type", "veth", "peer", "name", right, "netns", Right.Name).EnsureSuccess();
            Join(Left, left, LeftOuter, LeftInside);
            Join(Right, right, RightOuter, RightInside);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public NetworkNamespace Left { get; }

    public NetworkNamespace Right { get; }

    private static void Join(NetworkNamespace side, string veth, IPAddress outer, IPAddress inside)
    {
        side.Ip("-6", "addr", "add", $"{outer}/64", "dev", veth, "nodad");
        side.Ip("link", "set", veth, "up");
        side.Ip("-6", "addr", "add", $"{inside}/128", "dev", "lo", "nodad");
    }

    public void Dispose()
    {
        Left.Dispose();
        Right.Dispose();
    }
}
