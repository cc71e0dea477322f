using System.Net;
using IpsecTun.Interop.Tests.Lab;

namespace IpsecTun.Interop.Tests;

/// <summary>
/// Two policies towards strongSwan, two pairs of networks: ipsectun negotiates the first Child SA in IKE_AUTH
/// and the second with CREATE_CHILD_SA, and traffic crosses both.
/// </summary>
[Collection(InteropGroup.Name)]
public sealed class MultipleChildSaInteropTests
{
    private const string Psk = "interop-children-psk";
    private static readonly IPAddress LeftSecond = IPAddress.Parse("10.1.1.1");
    private static readonly IPAddress RightSecond = IPAddress.Parse("10.2.1.1");

    [Fact]
    public void Each_policy_gets_its_own_child_sa_with_strongswan()
    {
        LabRequirement.EnsureAvailable();
        IkeSuite suite = IkeSuite.AesGcmEcp256;
        using var lab = new SiteToSiteLab();
        lab.Left.Ip("addr", "add", $"{LeftSecond}/32", "dev", "lo");
        lab.Right.Ip("addr", "add", $"{RightSecond}/32", "dev", "lo");
        using var leftDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();
        using var strongSwan = new StrongSwanDaemon(lab.Right, rightDir, SwanctlConfig.SiteToSitePsk(
            SiteToSiteLab.RightOuter, SiteToSiteLab.LeftOuter, "10.2.0.0/24", "10.1.0.0/24", suite.StrongSwanIke, suite.StrongSwanEsp, Psk,
            secondTs: ("10.2.1.0/24", "10.1.1.0/24")));
        using var ipsectun = new IpsecTunDaemon(lab.Left, leftDir, IpsecTunConfig.SiteToSitePsk(
            SiteToSiteLab.LeftOuter, SiteToSiteLab.RightOuter, "10.1.0.0/24", "10.2.0.0/24", suite, Psk, passive: true,
            morePolicies: [("10.1.1.0/24", "10.2.1.0/24")]));

        CommandResult connect = ipsectun.Cli("connect", "lab-peer", "--timeout", "30s");
        Assert.True(connect.ExitCode == 0, connect + ipsectun.Log + strongSwan.Log);
        StrongSwanDaemon.WaitFor(() => ipsectun.InstalledSpis().Count == 4, TimeSpan.FromSeconds(30), "both Child SAs");

        CommandResult first = SiteToSiteLab.Ping(lab.Left, SiteToSiteLab.LeftInside, SiteToSiteLab.RightInside);
        CommandResult second = SiteToSiteLab.Ping(lab.Left, LeftSecond, RightSecond);
        string listed = strongSwan.ListSas();
        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first + "\n" + second + ipsectun.Log + listed);
        Assert.Contains("net: #", listed, StringComparison.Ordinal);
        Assert.Contains("net2: #", listed, StringComparison.Ordinal);
        Assert.Equal("2", Assert.Single(ipsectun.Show("active-peers"))["ph2-total"]);
        Assert.Equal(0, ipsectun.Stop());
    }
}
