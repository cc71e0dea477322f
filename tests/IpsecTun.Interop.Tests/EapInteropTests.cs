using IpsecTun.Interop.Tests.Lab;

namespace IpsecTun.Interop.Tests;

/// <summary>
/// EAP in IKE_AUTH against strongSwan: strongSwan road warriors against ipsectun's gateway with the built-in EAP
/// server (auth-method=eap-radius with eap-user entries), ipsectun's client (auth-method=eap) against a
/// strongSwan gateway; a wrong password and a gateway certificate from another CA each fail with their reason.
/// ipsectun is on the left (10.99.0.1, 10.1.0.0/24 behind it), strongSwan on the right.
/// </summary>
[Collection(InteropGroup.Name)]
public sealed class EapInteropTests
{
    private const string Password = "correct horse";

    [Theory]
    [InlineData("eap-mschapv2")]
    [InlineData("eap-md5")]
    public void StrongSwan_client_authenticates_to_the_built_in_eap_server(string method)
    {
        LabRequirement.EnsureAvailable();
        using var lab = new SiteToSiteLab();
        using var leftDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();
        var pki = new LabPki();
        pki.WriteFor(leftDir);
        pki.WriteForStrongSwan(rightDir, withGateway: false);
        using var ipsectun = new IpsecTunDaemon(lab.Left, leftDir, EapLabConfig.IpsecTunGateway(
            SiteToSiteLab.LeftOuter, SiteToSiteLab.RightOuter, "10.1.0.0/24", "10.2.0.0/24", leftDir.Path, method, Password));
        using var strongSwan = new StrongSwanDaemon(lab.Right, rightDir, EapLabConfig.StrongSwanClient(
            SiteToSiteLab.RightOuter, SiteToSiteLab.LeftOuter, "10.2.0.0/24", "10.1.0.0/24", method, Password));

        CommandResult initiate = strongSwan.Initiate("net");
        Assert.True(initiate.ExitCode == 0, initiate + ipsectun.Log);
        CommandResult ping = SiteToSiteLab.Ping(lab.Right, SiteToSiteLab.RightInside, SiteToSiteLab.LeftInside);
        Assert.True(ping.ExitCode == 0, ping + ipsectun.Log + strongSwan.ListSas());
        Assert.Contains("INSTALLED", strongSwan.ListSas(), StringComparison.Ordinal);
        Assert.Equal(0, ipsectun.Stop());
    }

    [Theory]
    [InlineData("eap-mschapv2")]
    [InlineData("eap-md5")]
    public void StrongSwan_client_authenticates_through_the_eap_radius_gateway_to_freeradius(string method)
    {
        LabRequirement.EnsureAvailable();
        using var lab = new SiteToSiteLab();
        using var leftDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();
        using var radiusDir = new TemporaryDirectory();
        var pki = new LabPki();
        pki.WriteFor(leftDir);
        pki.WriteForStrongSwan(rightDir, withGateway: false);
        lab.Left.Ip("link", "set", "lo", "up");
        using var radius = new FreeRadiusDaemon(lab.Left, radiusDir, EapLabConfig.User, Password);
        using var ipsectun = new IpsecTunDaemon(lab.Left, leftDir, EapLabConfig.IpsecTunGateway(
            SiteToSiteLab.LeftOuter, SiteToSiteLab.RightOuter, "10.1.0.0/24", "10.2.0.0/24", leftDir.Path, method, Password,
            new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, FreeRadiusDaemon.AuthenticationPort), FreeRadiusDaemon.Secret));
        using var strongSwan = new StrongSwanDaemon(lab.Right, rightDir, EapLabConfig.StrongSwanClient(
            SiteToSiteLab.RightOuter, SiteToSiteLab.LeftOuter, "10.2.0.0/24", "10.1.0.0/24", method, Password));

        CommandResult initiate = strongSwan.Initiate("net");
        Assert.True(initiate.ExitCode == 0, initiate + ipsectun.Log + radius.Log);
        CommandResult ping = SiteToSiteLab.Ping(lab.Right, SiteToSiteLab.RightInside, SiteToSiteLab.LeftInside);
        Assert.True(ping.ExitCode == 0, ping + ipsectun.Log + strongSwan.ListSas());
        Assert.Contains("Access-Accept", radius.Log, StringComparison.Ordinal);
        Assert.Equal(0, ipsectun.Stop());
    }

    [Fact]
    public void StrongSwan_client_with_a_wrong_password_is_refused_with_the_reason()
    {
        LabRequirement.EnsureAvailable();
        using var lab = new SiteToSiteLab();
        using var leftDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();
        var pki = new LabPki();
        pki.WriteFor(leftDir);
        pki.WriteForStrongSwan(rightDir, withGateway: false);
        using var ipsectun = new IpsecTunDaemon(lab.Left, leftDir, EapLabConfig.IpsecTunGateway(
            SiteToSiteLab.LeftOuter, SiteToSiteLab.RightOuter, "10.1.0.0/24", "10.2.0.0/24", leftDir.Path, "eap-mschapv2", Password));
        using var strongSwan = new StrongSwanDaemon(lab.Right, rightDir, EapLabConfig.StrongSwanClient(
            SiteToSiteLab.RightOuter, SiteToSiteLab.LeftOuter, "10.2.0.0/24", "10.1.0.0/24", "eap-mschapv2", "wrong password"));

        CommandResult initiate = strongSwan.Initiate("net");

        Assert.NotEqual(0, initiate.ExitCode);
        Assert.True(Eventually(() => ipsectun.Log.Contains("the initiator gave up during EAP authentication", StringComparison.Ordinal)), ipsectun.Log + strongSwan.Log);
        Assert.True(strongSwan.Log.Contains("EAP_MSCHAPV2 method failed", StringComparison.Ordinal), strongSwan.Log);
        Assert.Equal(0, ipsectun.Stop());
    }

    [Fact]
    public void Ipsectun_client_authenticates_to_a_strongSwan_gateway_with_eap_mschapv2()
    {
        LabRequirement.EnsureAvailable();
        using var lab = new SiteToSiteLab();
        using var leftDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();
        var pki = new LabPki();
        pki.WriteFor(leftDir);
        pki.WriteForStrongSwan(rightDir, withGateway: true);
        using var strongSwan = new StrongSwanDaemon(lab.Right, rightDir, EapLabConfig.StrongSwanGateway(
            SiteToSiteLab.RightOuter, SiteToSiteLab.LeftOuter, "10.2.0.0/24", "10.1.0.0/24", "eap-mschapv2", Password));
        using var ipsectun = new IpsecTunDaemon(lab.Left, leftDir, EapLabConfig.IpsecTunClient(
            SiteToSiteLab.LeftOuter, SiteToSiteLab.RightOuter, "10.1.0.0/24", "10.2.0.0/24", leftDir.Path, "eap-mschapv2", Password));

        CommandResult connect = ipsectun.Cli("connect", "gw", "--timeout", "30s");
        Assert.True(connect.ExitCode == 0, connect + ipsectun.Log + strongSwan.Log);
        CommandResult ping = SiteToSiteLab.Ping(lab.Left, SiteToSiteLab.LeftInside, SiteToSiteLab.RightInside);
        Assert.True(ping.ExitCode == 0, ping + ipsectun.Log + strongSwan.ListSas());
        Assert.Equal(0, ipsectun.Stop());
    }

    [Fact]
    public void Ipsectun_client_refuses_a_gateway_certificate_from_another_ca()
    {
        LabRequirement.EnsureAvailable();
        using var lab = new SiteToSiteLab();
        using var leftDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();
        new LabPki("Some Other CA").WriteFor(leftDir);
        new LabPki().WriteForStrongSwan(rightDir, withGateway: true);
        using var strongSwan = new StrongSwanDaemon(lab.Right, rightDir, EapLabConfig.StrongSwanGateway(
            SiteToSiteLab.RightOuter, SiteToSiteLab.LeftOuter, "10.2.0.0/24", "10.1.0.0/24", "eap-mschapv2", Password));
        using var ipsectun = new IpsecTunDaemon(lab.Left, leftDir, EapLabConfig.IpsecTunClient(
            SiteToSiteLab.LeftOuter, SiteToSiteLab.RightOuter, "10.1.0.0/24", "10.2.0.0/24", leftDir.Path, "eap-mschapv2", Password));

        CommandResult connect = ipsectun.Cli("connect", "gw", "--timeout", "30s");

        Assert.NotEqual(0, connect.ExitCode);
        Assert.Contains("not trusted", connect.Output + ipsectun.Log, StringComparison.Ordinal);
        Assert.True(Eventually(() => strongSwan.Log.Contains("N(AUTH_FAILED)", StringComparison.Ordinal)), strongSwan.Log);
        Assert.Equal(0, ipsectun.Stop());
    }

    private static bool Eventually(Func<bool> condition)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(100);
        }

        return condition();
    }
}
