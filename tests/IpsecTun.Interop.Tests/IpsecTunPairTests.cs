using IpsecTun.Interop.Tests.Lab;

namespace IpsecTun.Interop.Tests;

/// <summary>
/// Two ipsectun endpoints, one per namespace, with nothing between them to hide behind: what strongSwan's libipsec
/// cannot do (raw ESP without UDP encapsulation, AH, extended sequence numbers) is checked between two instances of
/// this program. The right side connects; ping and a TCP transfer cross the tunnel, and both sides list the SAs they use.
/// </summary>
[Collection(InteropGroup.Name)]
public sealed class IpsecTunPairTests
{
    private const string Psk = "interop-pair-psk";

    /// <summary>
    /// With extended-sequence-numbers=yes on both sides every SA shows ESN, and the ESN high half enters the ICV or the
    /// AEAD's associated data on both sides, so a side counting in 32 bits would fail every packet.
    /// </summary>
    [Theory]
    [InlineData("esp", null)]
    [InlineData("ah", null)]
    [InlineData("esp", "yes")]
    [InlineData("ah", "yes")]
    public void Traffic_crosses_a_tunnel_between_two_ipsectun_endpoints_over_raw_ip(string ipsecProtocols, string? esn)
    {
        LabRequirement.EnsureAvailable();
        using var lab = new SiteToSiteLab();
        using var leftDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();
        (IpsecTunDaemon left, IpsecTunDaemon right) = Connected(lab, leftDir, rightDir, ipsecProtocols, esn);
        using var leftOwner = left;
        using var rightOwner = right;
        CommandResult ping = SiteToSiteLab.Ping(lab.Left, SiteToSiteLab.LeftInside, SiteToSiteLab.RightInside);
        Assert.True(ping.ExitCode == 0, ping + left.Log + right.Log);

        double mbps = Iperf.MeasureTcp(lab.Right, SiteToSiteLab.RightInside, lab.Left, SiteToSiteLab.LeftInside, seconds: 3);
        TestContext.Current.TestOutputHelper?.WriteLine($"ipsectun <-> ipsectun, {ipsecProtocols}{(esn is null ? "" : " with ESN")} over raw IP: TCP {mbps:F0} Mbit/s");
        Assert.True(mbps > 1, $"{mbps} Mbit/s");

        // Without NAT neither side encapsulates, so every packet went through the raw protocol 50 or 51 sockets.
        foreach (IpsecTunDaemon endpoint in new[] { left, right })
        {
            Dictionary<string, string> peer = Assert.Single(endpoint.Show("active-peers"));
            Assert.Equal("no", peer["natt-peer"]);
            IReadOnlyList<Dictionary<string, string>> sas = endpoint.Show("installed-sa");
            Assert.Equal(2, sas.Count);
            Assert.All(sas, sa => Assert.Equal(("true", esn is null ? "false" : "true"), (sa[ipsecProtocols], sa["esn"])));
            Assert.All(sas, sa => Assert.NotEqual("0", sa["current-bytes"]));
        }

        Assert.Contains("ipsec,debug lab-peer: IKE SA keys derived with aes-128-gcm", left.Log, StringComparison.Ordinal);
        Assert.Equal(0, right.Stop());
        Assert.Equal(0, left.Stop());
    }

    /// <summary>One side requiring extended sequence numbers and the other refusing them have no proposal in common.</summary>
    [Fact]
    public void Extended_sequence_numbers_on_one_side_only_is_no_proposal_chosen()
    {
        LabRequirement.EnsureAvailable();
        using var lab = new SiteToSiteLab();
        using var leftDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();
        (IpsecTunDaemon left, IpsecTunDaemon right) = Started(lab, leftDir, rightDir, "esp", leftEsn: "yes", rightEsn: "no");
        using var leftOwner = left;
        using var rightOwner = right;

        CommandResult connect = right.Cli("connect", "lab-peer", "--timeout", "30s");

        Assert.True(connect.ExitCode == 3, connect + right.Log + left.Log);
        Assert.Contains("no proposal chosen", connect.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(right.Show("installed-sa"));
        Assert.Empty(left.Show("installed-sa"));
        Assert.Equal(0, right.Stop());
        Assert.Equal(0, left.Stop());
    }

    /// <summary>Records what an endpoint with one tunnel holds in memory once traffic has passed and it sits idle.</summary>
    [Fact]
    public void An_idle_endpoint_with_one_tunnel_stays_small()
    {
        LabRequirement.EnsureAvailable();
        using var lab = new SiteToSiteLab();
        using var leftDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();
        (IpsecTunDaemon left, IpsecTunDaemon right) = Connected(lab, leftDir, rightDir, "esp");
        using var leftOwner = left;
        using var rightOwner = right;
        CommandResult ping = SiteToSiteLab.Ping(lab.Left, SiteToSiteLab.LeftInside, SiteToSiteLab.RightInside, count: 20);
        Assert.True(ping.ExitCode == 0, ping + left.Log + right.Log);

        Thread.Sleep(TimeSpan.FromSeconds(2));
        long kib = left.ResidentKib();
        TestContext.Current.TestOutputHelper?.WriteLine($"idle ipsectun with one tunnel: VmRSS {kib / 1024.0:F1} MiB");

        // The runtime, the loaded assemblies and the packet pools; a leak or an unbounded buffer would pass this.
        Assert.InRange(kib, 1024, 256 * 1024);
        Assert.Equal(0, right.Stop());
        Assert.Equal(0, left.Stop());
    }

    /// <summary>Starts an endpoint on each side of <paramref name="lab"/>, the left one passive, and connects from the right.</summary>
    private static (IpsecTunDaemon Left, IpsecTunDaemon Right) Connected(
        SiteToSiteLab lab, TemporaryDirectory leftDir, TemporaryDirectory rightDir, string ipsecProtocols, string? esn = null)
    {
        (IpsecTunDaemon left, IpsecTunDaemon right) = Started(lab, leftDir, rightDir, ipsecProtocols, esn, esn);
        CommandResult connect = right.Cli("connect", "lab-peer", "--timeout", "30s");
        if (connect.ExitCode != 0)
        {
            string logs = connect + right.Log + left.Log;
            right.Dispose();
            left.Dispose();
            Assert.Fail(logs);
        }

        return (left, right);
    }

    /// <summary>Starts an endpoint on each side of <paramref name="lab"/>, both passive, with their extended-sequence-numbers.</summary>
    private static (IpsecTunDaemon Left, IpsecTunDaemon Right) Started(
        SiteToSiteLab lab, TemporaryDirectory leftDir, TemporaryDirectory rightDir, string ipsecProtocols, string? leftEsn, string? rightEsn)
    {
        IkeSuite suite = IkeSuite.AesGcmEcp256;
        var left = new IpsecTunDaemon(lab.Left, leftDir, IpsecTunConfig.SiteToSitePsk(
            SiteToSiteLab.LeftOuter, SiteToSiteLab.RightOuter, "10.1.0.0/24", "10.2.0.0/24", suite, Psk, passive: true, ipsecProtocols: ipsecProtocols,
            extendedSequenceNumbers: leftEsn));
        var right = new IpsecTunDaemon(lab.Right, rightDir, IpsecTunConfig.SiteToSitePsk(
            SiteToSiteLab.RightOuter, SiteToSiteLab.LeftOuter, "10.2.0.0/24", "10.1.0.0/24", suite, Psk, passive: true, ipsecProtocols: ipsecProtocols,
            extendedSequenceNumbers: rightEsn));
        return (left, right);
    }
}
