using IpsecTun.Interop.Tests.Lab;

namespace IpsecTun.Interop.Tests;

/// <summary>
/// ipsectun's client (auth-method=eap) against strongSwan gateways: strongSwan's own EAP-TLS and EAP-TTLS (inner
/// EAP-MD5 or EAP-MSCHAPv2), a client certificate from another CA refused with the reason on both sides, and
/// strongSwan's eap-radius relay to FreeRADIUS for every method the client has, PEAPv0 included (Debian's strongSwan
/// has no PEAP of its own) with a wrong password refused on both sides, and PEAPv0 with crypto binding through eap-radius to hostapd's EAP server, the one
/// that speaks it. ipsectun is on the left (10.99.0.1, 10.1.0.0/24 behind it), the gateway on the right.
/// </summary>
[Collection(InteropGroup.Name)]
public sealed class EapClientInteropTests
{
    private const string Password = "correct horse";

    [Fact]
    public void Ipsectun_client_authenticates_to_a_strongSwan_gateway_with_eap_tls()
    {
        LabRequirement.EnsureAvailable();
        using var lab = new SiteToSiteLab();
        using var leftDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();
        var pki = new EapClientPki(leftDir);
        pki.WriteForStrongSwan(rightDir);
        using var strongSwan = new StrongSwanDaemon(lab.Right, rightDir, Gateway("eap-tls"));
        using var ipsectun = new IpsecTunDaemon(lab.Left, leftDir, Client(pki.CaCertificate, "eap-tls", pki.Client));

        AssertConnects(lab, ipsectun, () => strongSwan.Log);
        Assert.Contains("EAP method EAP_TLS succeeded", strongSwan.Log, StringComparison.Ordinal);
        Assert.Equal(0, ipsectun.Stop());
    }

    [Theory]
    [InlineData("md5")]
    [InlineData("mschapv2")]
    public void Ipsectun_client_authenticates_to_a_strongSwan_gateway_with_eap_ttls(string innerMethod)
    {
        LabRequirement.EnsureAvailable();
        using var lab = new SiteToSiteLab();
        using var leftDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();
        var pki = new EapClientPki(leftDir);
        pki.WriteForStrongSwan(rightDir);
        using var strongSwan = new StrongSwanDaemon(lab.Right, rightDir, Gateway("eap-ttls"), EapClientLabConfig.TtlsPhase2(innerMethod));
        using var ipsectun = new IpsecTunDaemon(lab.Left, leftDir, Client(pki.CaCertificate, "eap-ttls"));

        AssertConnects(lab, ipsectun, () => strongSwan.Log);
        Assert.Contains("EAP method EAP_TTLS succeeded", strongSwan.Log, StringComparison.Ordinal);
        Assert.Equal(0, ipsectun.Stop());
    }

    [Fact]
    public void A_client_certificate_from_another_ca_is_refused_with_the_reason_on_both_sides()
    {
        LabRequirement.EnsureAvailable();
        using var lab = new SiteToSiteLab();
        using var leftDir = new TemporaryDirectory();
        using var otherDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();
        var pki = new EapClientPki(leftDir);
        var stranger = new EapClientPki(otherDir, "Some Other CA");
        pki.WriteForStrongSwan(rightDir);
        using var strongSwan = new StrongSwanDaemon(lab.Right, rightDir, Gateway("eap-tls"));
        using var ipsectun = new IpsecTunDaemon(lab.Left, leftDir, Client(pki.CaCertificate, "eap-tls", stranger.Client));

        CommandResult connect = ipsectun.Cli("connect", "gw", "--timeout", "30s");

        Assert.True(connect.ExitCode == 4, connect + ipsectun.Log + strongSwan.Log);
        Assert.True(
            (connect.Output + connect.Error).Contains("the server sent TLS alert certificate_unknown(46): it did not accept our certificate", StringComparison.Ordinal),
            connect + ipsectun.Log);
        Assert.True(Eventually(() => strongSwan.Log.Contains("EAP method EAP_TLS failed", StringComparison.Ordinal)), strongSwan.Log);
        Assert.Contains("issuer is \"O=ipsectun lab, CN=Some Other CA\"", strongSwan.Log, StringComparison.Ordinal);
        Assert.Contains("no trusted certificate found for 'alice' to verify TLS peer", strongSwan.Log, StringComparison.Ordinal);
        Assert.Equal(0, ipsectun.Stop());
    }

    [Theory]
    [InlineData("eap-mschapv2")]
    [InlineData("eap-md5")]
    [InlineData("eap-gtc")]
    [InlineData("eap-tls")]
    [InlineData("eap-ttls")]
    [InlineData("eap-peap")]
    public void Ipsectun_client_authenticates_through_strongSwan_eap_radius_to_freeradius(string method)
    {
        string log = ConnectThroughEapRadius(method, Password, FreeRadius);

        Assert.Contains("Sent Access-Accept", log, StringComparison.Ordinal);
        Assert.Contains($"eap_{method["eap-".Length..]}: ", log, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_password_through_eap_radius_fails_with_the_reason_on_both_sides()
    {
        string log = ConnectThroughEapRadius("eap-peap", "wrong password", FreeRadius, (connect, ipsectun) =>
        {
            Assert.True(connect.ExitCode == 4, connect + ipsectun.Log);
            Assert.Contains("PEAP: inner authentication failed", connect.Output + connect.Error, StringComparison.Ordinal);
        });

        Assert.Contains("Sent Access-Reject", log, StringComparison.Ordinal);
        Assert.True(log.Contains("MS-CHAP2-Response is incorrect", StringComparison.Ordinal), log);
    }

    [Fact]
    public void Ipsectun_client_proves_peap_crypto_binding_through_strongSwan_eap_radius_to_hostapd()
    {
        // strongSwan signs its AUTH with the MSK hostapd sends, which comes from the Compound Session Key.
        string log = ConnectThroughEapRadius("eap-peap", Password, (netns, directory, pki) =>
        {
            var hostapd = new HostapdRadiusDaemon(netns, directory, pki, Password);
            return (hostapd, () => hostapd.Log);
        });

        Assert.Contains("EAP-PEAP: Valid cryptobinding TLV received", log, StringComparison.Ordinal);
    }

    private static (IDisposable Server, Func<string> Log) FreeRadius(NetworkNamespace netns, TemporaryDirectory directory, EapClientPki pki)
    {
        var radius = new FreeRadiusDaemon(
            netns, directory, EapLabConfig.User, Password,
            tls: (File.ReadAllText(pki.CaCertificate), File.ReadAllText(pki.Gateway.Certificate), File.ReadAllText(pki.Gateway.Key)));
        return (radius, () => radius.Log);
    }

    /// <summary>
    /// Connects with <paramref name="method"/> and <paramref name="password"/> to a strongSwan gateway whose eap-radius
    /// relays to the RADIUS server <paramref name="startRadius"/> starts beside it, checks the outcome (by default: up
    /// and pinging through), and returns that server's log.
    /// </summary>
    private static string ConnectThroughEapRadius(
        string method,
        string password,
        Func<NetworkNamespace, TemporaryDirectory, EapClientPki, (IDisposable Server, Func<string> Log)> startRadius,
        Action<CommandResult, IpsecTunDaemon>? check = null)
    {
        LabRequirement.EnsureAvailable();
        using var lab = new SiteToSiteLab();
        using var leftDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();
        using var radiusDir = new TemporaryDirectory();
        var pki = new EapClientPki(leftDir);
        pki.WriteForStrongSwan(rightDir);
        lab.Right.Ip("link", "set", "lo", "up");
        var (server, radiusLog) = startRadius(lab.Right, radiusDir, pki);
        using (server)
        {
            using var strongSwan = new StrongSwanDaemon(lab.Right, rightDir, Gateway("eap-radius"), EapClientLabConfig.RadiusServer(FreeRadiusDaemon.Secret));
            using var ipsectun = new IpsecTunDaemon(
                lab.Left, leftDir, Client(pki.CaCertificate, method, method == "eap-tls" ? pki.Client : null, password));
            CommandResult connect = ipsectun.Cli("connect", "gw", "--timeout", "30s");
            if (check is null)
            {
                Assert.True(connect.ExitCode == 0, connect + ipsectun.Log + strongSwan.Log + radiusLog());
                AssertPings(lab, ipsectun);
            }
            else
            {
                check(connect, ipsectun);
            }

            Assert.Equal(0, ipsectun.Stop());
            return radiusLog();
        }
    }

    private static string Gateway(string method) => EapLabConfig.StrongSwanGateway(
        SiteToSiteLab.RightOuter, SiteToSiteLab.LeftOuter, "10.2.0.0/24", "10.1.0.0/24", method, Password);

    private static string Client(
        string caCertificate, string method, (string Certificate, string Key)? certificate = null, string password = Password) => EapClientLabConfig.IpsecTunClient(
        SiteToSiteLab.LeftOuter, SiteToSiteLab.RightOuter, "10.1.0.0/24", "10.2.0.0/24", caCertificate, method, password, certificate);

    private static void AssertConnects(SiteToSiteLab lab, IpsecTunDaemon ipsectun, Func<string> gatewayLog)
    {
        CommandResult connect = ipsectun.Cli("connect", "gw", "--timeout", "30s");
        Assert.True(connect.ExitCode == 0, connect + ipsectun.Log + gatewayLog());
        AssertPings(lab, ipsectun);
    }

    private static void AssertPings(SiteToSiteLab lab, IpsecTunDaemon ipsectun)
    {
        CommandResult ping = SiteToSiteLab.Ping(lab.Left, SiteToSiteLab.LeftInside, SiteToSiteLab.RightInside);
        Assert.True(ping.ExitCode == 0, ping + ipsectun.Log);
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
