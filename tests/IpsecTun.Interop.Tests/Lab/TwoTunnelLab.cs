using System.Net;

namespace IpsecTun.Interop.Tests.Lab;

/// <summary>
/// ipsectun on the left with two tunnels to strongSwan on the right, which answers at two addresses: site-a
/// (10.99.0.2, inside 10.1.0.1 ↔ 10.2.0.1) and site-b (10.99.0.3, inside 10.1.1.1 ↔ 10.2.1.1, and 10.1.2.1 ↔ 10.2.2.1
/// for when site-b gets a second network). Both peers initiate at start; the constructor waits until both are up.
/// </summary>
internal sealed class TwoTunnelLab : IDisposable
{
    public static readonly IPAddress RightSecondOuter = IPAddress.Parse("10.99.0.3");
    public static readonly IPAddress LeftB = IPAddress.Parse("10.1.1.1");
    public static readonly IPAddress RightB = IPAddress.Parse("10.2.1.1");
    public static readonly IPAddress LeftB2 = IPAddress.Parse("10.1.2.1");
    public static readonly IPAddress RightB2 = IPAddress.Parse("10.2.2.1");

    private readonly SiteToSiteLab _lab = new();
    private readonly TemporaryDirectory _leftDirectory = new();
    private readonly TemporaryDirectory _rightDirectory = new();
    private readonly StrongSwanDaemon? _strongSwan;
    private readonly IpsecTunDaemon? _ipsectun;

    public TwoTunnelLab()
    {
        try
        {
            // Right answers ARP on the veth for this loopback address too: Linux replies for any address of the host.
            Right.Ip("addr", "add", $"{RightSecondOuter}/32", "dev", "lo");
            Left.Ip("addr", "add", $"{LeftB}/32", "dev", "lo");
            Left.Ip("addr", "add", $"{LeftB2}/32", "dev", "lo");
            Right.Ip("addr", "add", $"{RightB}/32", "dev", "lo");
            Right.Ip("addr", "add", $"{RightB2}/32", "dev", "lo");
            LeftRoutingBefore = Routing(Left);
            _strongSwan = new StrongSwanDaemon(Right, _rightDirectory, TwoTunnelConfig.Swanctl());
            _ipsectun = new IpsecTunDaemon(Left, _leftDirectory, TwoTunnelConfig.IpsecTun());
            StrongSwanDaemon.WaitFor(
                () => SpisOf(SiteToSiteLab.RightOuter).Count == 2 && SpisOf(RightSecondOuter).Count == 2 || IpsecTun.HasExited,
                TimeSpan.FromSeconds(40), "both tunnels to come up");
            Assert.False(IpsecTun.HasExited, IpsecTun.Log);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public NetworkNamespace Left => _lab.Left;

    public NetworkNamespace Right => _lab.Right;

    public IpsecTunDaemon IpsecTun => _ipsectun!;

    public StrongSwanDaemon StrongSwan => _strongSwan!;

    /// <summary>The left side's IPv4 routes of every table and its rules of both families before ipsectun started.</summary>
    public string LeftRoutingBefore { get; }

    /// <summary>Both logs and strongSwan's SAs, for a failure message.</summary>
    public string Logs => $"\n--- ipsectun\n{IpsecTun.Log}\n--- strongSwan SAs\n{StrongSwan.ListSas()}\n--- charon\n{StrongSwan.Log}";

    /// <summary>
    /// What ipsectun adds to and must remove from the routing of its namespace: IPv4 routes of every table, rules of
    /// both families. (IPv6 routes are left out: the veth's link-local address gets its local route whenever DAD ends.)
    /// </summary>
    public static string Routing(NetworkNamespace netns) =>
        string.Join('\n', netns.Ip("-4", "route", "show", "table", "all").Output, netns.Ip("-4", "rule").Output, netns.Ip("-6", "rule").Output);

    /// <summary>The SPIs ipsectun has installed for SAs to or from the peer at <paramref name="peer"/>.</summary>
    public HashSet<string> SpisOf(IPAddress peer) =>
        [.. IpsecTun.Show("installed-sa").Where(sa => sa["src-address"] == peer.ToString() || sa["dst-address"] == peer.ToString()).Select(sa => sa["spi"])];

    /// <summary>The installed SAs towards <paramref name="peer"/> (the outbound ones).</summary>
    public IReadOnlyList<Dictionary<string, string>> OutboundSasTo(IPAddress peer) =>
        [.. IpsecTun.Show("installed-sa").Where(sa => sa["dst-address"] == peer.ToString())];

    /// <summary>Replaces ipsectun's configuration file, for a reload to pick up.</summary>
    public void Configure(string json) => File.WriteAllText(IpsecTun.ConfigurationFile, json);

    public void Dispose()
    {
        _ipsectun?.Dispose();
        _strongSwan?.Dispose();
        _lab.Dispose();
        _leftDirectory.Dispose();
        _rightDirectory.Dispose();
    }
}
