using IpsecTun.Interop.Tests.Lab;

namespace IpsecTun.Interop.Tests;

/// <summary>
/// The lab itself: two strongSwan daemons with kernel-libipsec reach each other's inside networks. When
/// this fails the other interop tests cannot say anything about ipsectun.
/// </summary>
[Collection(InteropGroup.Name)]
public sealed class StrongSwanReferenceTests
{
    [Fact]
    public void Two_strongSwan_daemons_carry_ping_and_tcp_between_the_inside_networks()
    {
        LabRequirement.EnsureAvailable();
        using var lab = new SiteToSiteLab();
        using var leftDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();
        using var left = new StrongSwanDaemon(lab.Left, leftDir, SwanctlConfig.SiteToSitePsk(
            SiteToSiteLab.LeftOuter, SiteToSiteLab.RightOuter, "10.1.0.0/24", "10.2.0.0/24", "aes128gcm16-prfsha256-ecp256", "aes128gcm16", "lab-psk-1"));
        using var right = new StrongSwanDaemon(lab.Right, rightDir, SwanctlConfig.SiteToSitePsk(
            SiteToSiteLab.RightOuter, SiteToSiteLab.LeftOuter, "10.2.0.0/24", "10.1.0.0/24", "aes128gcm16-prfsha256-ecp256", "aes128gcm16", "lab-psk-1"));

        CommandResult initiate = left.Initiate("net");
        Assert.True(initiate.ExitCode == 0, initiate + left.Log + right.Log);
        CommandResult ping = SiteToSiteLab.Ping(lab.Left, SiteToSiteLab.LeftInside, SiteToSiteLab.RightInside);
        Assert.True(ping.ExitCode == 0, ping + left.ListSas());
        Assert.Contains("INSTALLED", right.ListSas(), StringComparison.Ordinal);

        double mbps = Iperf.MeasureTcp(lab.Right, SiteToSiteLab.RightInside, lab.Left, SiteToSiteLab.LeftInside, seconds: 3);
        TestContext.Current.TestOutputHelper?.WriteLine($"strongSwan <-> strongSwan (kernel-libipsec, AES-128-GCM) TCP: {mbps:F0} Mbit/s");
        Assert.True(mbps > 0);
    }
}
