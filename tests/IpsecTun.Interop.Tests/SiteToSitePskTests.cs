using IpsecTun.Interop.Tests.Lab;

namespace IpsecTun.Interop.Tests;

/// <summary>
/// ipsectun on the left, strongSwan on the right, pre-shared keys: either side initiates, ping and a TCP
/// transfer cross the tunnel, and both sides list the Child SA.
/// </summary>
[Collection(InteropGroup.Name)]
public sealed class SiteToSitePskTests
{
    private const string Psk = "interop-site-psk";

    public static TheoryData<IkeSuite, bool> Cases => new()
    {
        { IkeSuite.AesGcmEcp256, true },
        { IkeSuite.AesGcmEcp256, false },
        { IkeSuite.AesCbcSha256Modp2048, true },
        { IkeSuite.AesCbcSha256Modp2048, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Traffic_crosses_a_tunnel_with_strongSwan(IkeSuite suite, bool ipsectunInitiates)
    {
        LabRequirement.EnsureAvailable();
        using var lab = new SiteToSiteLab();
        using var leftDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();
        using var strongSwan = new StrongSwanDaemon(lab.Right, rightDir, SwanctlConfig.SiteToSitePsk(
            SiteToSiteLab.RightOuter, SiteToSiteLab.LeftOuter, "10.2.0.0/24", "10.1.0.0/24", suite.StrongSwanIke, suite.StrongSwanEsp, Psk));
        using var ipsectun = new IpsecTunDaemon(lab.Left, leftDir, IpsecTunConfig.SiteToSitePsk(
            SiteToSiteLab.LeftOuter, SiteToSiteLab.RightOuter, "10.1.0.0/24", "10.2.0.0/24", suite, Psk, passive: !ipsectunInitiates));

        Tunnel.BringUp(ipsectun, strongSwan, ipsectunInitiates);

        CommandResult ping = SiteToSiteLab.Ping(lab.Left, SiteToSiteLab.LeftInside, SiteToSiteLab.RightInside);
        Assert.True(ping.ExitCode == 0, ping + ipsectun.Log + strongSwan.ListSas());

        double mbps = Iperf.MeasureTcp(lab.Right, SiteToSiteLab.RightInside, lab.Left, SiteToSiteLab.LeftInside, seconds: 3);
        TestContext.Current.TestOutputHelper?.WriteLine($"ipsectun <-> strongSwan {suite}: TCP {mbps:F0} Mbit/s");
        Assert.True(mbps > 1, $"{mbps} Mbit/s");

        CommandResult sas = ipsectun.Cli("show", "installed-sa", "--json");
        Assert.True(sas.ExitCode == 0, sas.ToString());
        Assert.Contains("\"spi\"", sas.Output, StringComparison.Ordinal);
        Assert.Contains("INSTALLED", strongSwan.ListSas(), StringComparison.Ordinal);
        Assert.Equal(0, ipsectun.Stop());
    }
}
