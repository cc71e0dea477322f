using System.Globalization;
using System.Net;
using IpsecTun.Interop.Tests.Lab;

namespace IpsecTun.Interop.Tests;

/// <summary>
/// EAP in IKE_AUTH against strongSwan: strongSwan road warriors against ipsectun's gateway with the built-in EAP
/// server (auth-method=eap-radius with eap-user entries) and through it to FreeRADIUS, with RADIUS accounting and
/// the Framed-IP-Address as virtual address; ipsectun's client (auth-method=eap) against a strongSwan gateway; a
/// wrong password, a gateway certificate and a client certificate from another CA each fail with their reason.
/// ipsectun (and FreeRADIUS) are on the left (10.99.0.1, 10.1.0.0/24 behind it), strongSwan on the right.
/// </summary>
[Collection(InteropGroup.Name)]
public sealed class EapInteropTests
{
    private const string Password = "correct horse";
    private const string LeftNet = "10.1.0.0/24";
    private const string RightNet = "10.2.0.0/24";
    private static readonly IPAddress FramedAddress = IPAddress.Parse("10.77.0.42");

    [Theory]
    [InlineData("eap-mschapv2")]
    [InlineData("eap-md5")]
    public void StrongSwan_client_authenticates_to_the_built_in_eap_server(string method)
    {
        using var lab = new EapLab();
        var pki = new LabPki();
        pki.WriteFor(lab.Left);
        pki.WriteForStrongSwan(lab.Right, withGateway: false);
        IpsecTunDaemon ipsectun = lab.IpsecTun(Gateway(lab, method));
        StrongSwanDaemon strongSwan = lab.StrongSwan(Client(method, Password));

        AssertTunnel(lab, strongSwan, ipsectun, "");
        Assert.Equal(0, ipsectun.Stop());
    }

    [Theory]
    [InlineData("eap-mschapv2")]
    [InlineData("eap-md5")]
    public void StrongSwan_client_authenticates_through_the_eap_radius_gateway_to_freeradius(string method)
    {
        using var lab = new EapLab();
        var pki = new LabPki();
        pki.WriteFor(lab.Left);
        pki.WriteForStrongSwan(lab.Right, withGateway: false);
        FreeRadiusDaemon radius = lab.FreeRadius(Password);
        IpsecTunDaemon ipsectun = lab.IpsecTun(Gateway(lab, method, radius: true));
        StrongSwanDaemon strongSwan = lab.StrongSwan(Client(method, Password));

        AssertTunnel(lab, strongSwan, ipsectun, radius.Log);
        Assert.Contains("Access-Accept", radius.Log, StringComparison.Ordinal);
        Assert.Equal(0, ipsectun.Stop());
    }

    [Theory]
    [InlineData("eap-tls")]
    [InlineData("eap-ttls")]
    public void StrongSwan_tls_client_authenticates_through_the_eap_radius_gateway_to_freeradius(string method)
    {
        using var lab = new EapLab();
        var pki = new EapTlsPki(lab.RadiusDirectory);
        pki.WriteFor(lab.Left);
        pki.WriteForStrongSwanClient(lab.Right);
        FreeRadiusDaemon radius = lab.FreeRadius(Password, tls: pki.FreeRadius);
        IpsecTunDaemon ipsectun = lab.IpsecTun(Gateway(lab, method, radius: true));
        StrongSwanDaemon strongSwan = lab.StrongSwan(Client(method, Password));

        AssertTunnel(lab, strongSwan, ipsectun, radius.Log);
        Assert.Contains(method == "eap-tls" ? "eap_tls: " : "eap_ttls: ", radius.Log, StringComparison.Ordinal);
        Assert.True(Eventually(() => radius.Log.Contains("Sent Access-Accept", StringComparison.Ordinal)), radius.Log);
        Assert.Equal(0, ipsectun.Stop());
    }

    [Theory]
    [InlineData("eap-tls", EapTlsPki.ClientId)]
    [InlineData("eap-ttls", EapLabConfig.User)]
    public void StrongSwan_tls_client_authenticates_to_the_built_in_eap_server(string method, string user)
    {
        using var lab = new EapLab();
        var pki = new EapTlsPki(lab.RadiusDirectory);
        pki.WriteFor(lab.Left);
        pki.WriteForStrongSwanClient(lab.Right);
        IpsecTunDaemon ipsectun = lab.IpsecTun(Gateway(lab, method));
        StrongSwanDaemon strongSwan = lab.StrongSwan(Client(method, Password));

        AssertTunnel(lab, strongSwan, ipsectun, "");
        Assert.Contains($"after EAP authentication of {user}", ipsectun.Log, StringComparison.Ordinal);
        Assert.Equal(0, ipsectun.Stop());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void StrongSwan_client_certificate_from_another_ca_is_refused_with_the_reason(bool throughFreeRadius)
    {
        using var lab = new EapLab();
        var pki = new EapTlsPki(lab.RadiusDirectory, clientFromAnotherCa: true);
        pki.WriteFor(lab.Left);
        pki.WriteForStrongSwanClient(lab.Right);
        FreeRadiusDaemon? radius = throughFreeRadius ? lab.FreeRadius(Password, tls: pki.FreeRadius) : null;
        IpsecTunDaemon ipsectun = lab.IpsecTun(Gateway(lab, "eap-tls", radius: throughFreeRadius));
        StrongSwanDaemon strongSwan = lab.StrongSwan(Client("eap-tls", Password));

        CommandResult initiate = strongSwan.Initiate("net");

        Assert.NotEqual(0, initiate.ExitCode);
        if (radius is null)
        {
            // Our TLS server refuses the chain and says why; strongSwan reports the alert it got.
            Assert.True(
                Eventually(() => ipsectun.Log.Contains($"the peer certificate \"CN=alice, O=ipsectun lab\" is not trusted by the configured CA", StringComparison.Ordinal)),
                ipsectun.Log);
            Assert.Contains("received fatal TLS alert 'bad certificate'", strongSwan.Log, StringComparison.Ordinal);
        }
        else
        {
            // FreeRADIUS refuses the chain and rejects; the gateway passes the EAP-Failure on and logs the reject.
            Assert.True(Eventually(() => radius.Log.Contains("unable to get local issuer certificate", StringComparison.Ordinal)), radius.Log);
            Assert.True(Eventually(() => ipsectun.Log.Contains("the RADIUS server rejected the authentication", StringComparison.Ordinal)), ipsectun.Log);
            Assert.Contains("EAP/FAIL", strongSwan.Log, StringComparison.Ordinal);
        }

        Assert.Equal(0, ipsectun.Stop());
    }

    /// <summary>
    /// FreeRADIUS gives the user a Framed-IP-Address: strongSwan gets exactly that virtual address and its traffic
    /// flows from it; the session's Start, Interim-Update and Stop reach FreeRADIUS's detail log, the Stop with the
    /// bytes and packets the gateway's active-peers showed just before the client disconnected.
    /// </summary>
    [Fact]
    public void StrongSwan_client_gets_the_framed_ip_address_and_its_session_is_accounted()
    {
        using var lab = new EapLab();
        var pki = new LabPki();
        pki.WriteFor(lab.Left);
        pki.WriteForStrongSwan(lab.Right, withGateway: false);
        FreeRadiusDaemon radius = lab.FreeRadius(Password, FramedAddress);
        IpsecTunDaemon ipsectun = lab.IpsecTun(EapLabConfig.IpsecTunGateway(
            SiteToSiteLab.LeftOuter, SiteToSiteLab.RightOuter, LeftNet, RightNet, lab.Left.Path, "eap-mschapv2", Password,
            FreeRadiusDaemon.EndPoint, FreeRadiusDaemon.Secret, virtualNet: "10.77.0.0/24", interimUpdate: "2s"));
        StrongSwanDaemon strongSwan = lab.StrongSwan(EapLabConfig.StrongSwanClient(
            SiteToSiteLab.RightOuter, SiteToSiteLab.LeftOuter, "", LeftNet, "eap-mschapv2", Password, virtualIp: true));

        CommandResult initiate = strongSwan.Initiate("net");
        Assert.True(initiate.ExitCode == 0, initiate + ipsectun.Log + radius.Log);
        Assert.Contains($"local  {FramedAddress}/32", strongSwan.ListSas(), StringComparison.Ordinal);
        CommandResult ping = SiteToSiteLab.Ping(lab.Hosts.Right, FramedAddress, SiteToSiteLab.LeftInside, count: 5);
        Assert.True(ping.ExitCode == 0, ping + ipsectun.Log + strongSwan.ListSas());
        Assert.True(
            Eventually(() => radius.AccountingRecords().Any(r => r.Status == "Interim-Update" && r.Number("Acct-Input-Packets") >= 5)),
            string.Join('\n', radius.AccountingRecords()) + ipsectun.Log);

        Dictionary<string, string> peer = Assert.Single(ipsectun.Show("active-peers"));
        Assert.Equal(FramedAddress.ToString(), peer["dynamic-address"]);
        strongSwan.Swanctl("--terminate", "--ike", "rw", "--timeout", "20").EnsureSuccess();
        Assert.True(Eventually(() => radius.AccountingRecords().Any(r => r.Status == "Stop")), string.Join('\n', radius.AccountingRecords()) + ipsectun.Log);

        IReadOnlyList<AccountingRecord> records = radius.AccountingRecords();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', records.Prepend(new AccountingRecord(peer))));
        AccountingRecord start = records[0];
        AccountingRecord stop = records[^1];
        Assert.Equal("Start", start.Status);
        Assert.Contains(records, r => r.Status == "Interim-Update");
        Assert.Equal("Stop", stop.Status);
        Assert.All(records, r => Assert.Equal(start["Acct-Session-Id"], r["Acct-Session-Id"]));
        Assert.All(records, r => Assert.Equal(EapLabConfig.User, r["User-Name"]));
        Assert.All(records, r => Assert.Equal(FramedAddress.ToString(), r["Framed-IP-Address"]));
        Assert.All(records, r => Assert.Equal(SiteToSiteLab.LeftOuter.ToString(), r["NAS-IP-Address"]));
        Assert.Equal("User-Request", stop["Acct-Terminate-Cause"]);
        Assert.Equal(Number(peer["rx-bytes"]), stop.Octets("Acct-Input"));
        Assert.Equal(Number(peer["tx-bytes"]), stop.Octets("Acct-Output"));
        Assert.Equal(Number(peer["rx-packets"]), stop.Number("Acct-Input-Packets"));
        Assert.Equal(Number(peer["tx-packets"]), stop.Number("Acct-Output-Packets"));
        // The five echo requests are 84-byte IPv4 packets (20 + 8 + 56), and the five replies as many.
        Assert.Equal(5 * 84, stop.Octets("Acct-Input"));
        Assert.Equal(5 * 84, stop.Octets("Acct-Output"));
        Assert.True(stop.Number("Acct-Session-Time") >= 2, stop.ToString());
        Assert.Equal(0, ipsectun.Stop());
    }

    [Fact]
    public void StrongSwan_client_with_a_wrong_password_is_refused_with_the_reason()
    {
        using var lab = new EapLab();
        var pki = new LabPki();
        pki.WriteFor(lab.Left);
        pki.WriteForStrongSwan(lab.Right, withGateway: false);
        IpsecTunDaemon ipsectun = lab.IpsecTun(Gateway(lab, "eap-mschapv2"));
        StrongSwanDaemon strongSwan = lab.StrongSwan(Client("eap-mschapv2", "wrong password"));

        CommandResult initiate = strongSwan.Initiate("net");

        Assert.NotEqual(0, initiate.ExitCode);
        Assert.True(Eventually(() => ipsectun.Log.Contains("the initiator gave up during EAP authentication", StringComparison.Ordinal)), ipsectun.Log + strongSwan.Log);
        Assert.True(strongSwan.Log.Contains("EAP_MSCHAPV2 method failed", StringComparison.Ordinal), strongSwan.Log);
        Assert.Equal(0, ipsectun.Stop());
    }

    [Fact]
    public void Ipsectun_client_authenticates_to_a_strongSwan_gateway_with_eap_mschapv2()
    {
        using var lab = new EapLab();
        var pki = new LabPki();
        pki.WriteFor(lab.Left);
        pki.WriteForStrongSwan(lab.Right, withGateway: true);
        StrongSwanDaemon strongSwan = lab.StrongSwan(StrongSwanGateway());
        IpsecTunDaemon ipsectun = lab.IpsecTun(IpsecTunClient(lab));

        CommandResult connect = ipsectun.Cli("connect", "gw", "--timeout", "30s");
        Assert.True(connect.ExitCode == 0, connect + ipsectun.Log + strongSwan.Log);
        CommandResult ping = SiteToSiteLab.Ping(lab.Hosts.Left, SiteToSiteLab.LeftInside, SiteToSiteLab.RightInside);
        Assert.True(ping.ExitCode == 0, ping + ipsectun.Log + strongSwan.ListSas());
        Assert.Equal(0, ipsectun.Stop());
    }

    [Fact]
    public void Ipsectun_client_refuses_a_gateway_certificate_from_another_ca()
    {
        using var lab = new EapLab();
        new LabPki("Some Other CA").WriteFor(lab.Left);
        new LabPki().WriteForStrongSwan(lab.Right, withGateway: true);
        StrongSwanDaemon strongSwan = lab.StrongSwan(StrongSwanGateway());
        IpsecTunDaemon ipsectun = lab.IpsecTun(IpsecTunClient(lab));

        CommandResult connect = ipsectun.Cli("connect", "gw", "--timeout", "30s");

        Assert.NotEqual(0, connect.ExitCode);
        Assert.Contains("not trusted", connect.Output + ipsectun.Log, StringComparison.Ordinal);
        Assert.True(Eventually(() => strongSwan.Log.Contains("N(AUTH_FAILED)", StringComparison.Ordinal)), strongSwan.Log);
        Assert.Equal(0, ipsectun.Stop());
    }

    private static string Gateway(EapLab lab, string method, bool radius = false) => EapLabConfig.IpsecTunGateway(
        SiteToSiteLab.LeftOuter, SiteToSiteLab.RightOuter, LeftNet, RightNet, lab.Left.Path, method, Password,
        radius ? FreeRadiusDaemon.EndPoint : null, FreeRadiusDaemon.Secret);

    private static string Client(string method, string password) =>
        EapLabConfig.StrongSwanClient(SiteToSiteLab.RightOuter, SiteToSiteLab.LeftOuter, RightNet, LeftNet, method, password);

    private static string StrongSwanGateway() =>
        EapLabConfig.StrongSwanGateway(SiteToSiteLab.RightOuter, SiteToSiteLab.LeftOuter, RightNet, LeftNet, "eap-mschapv2", Password);

    private static string IpsecTunClient(EapLab lab) =>
        EapLabConfig.IpsecTunClient(SiteToSiteLab.LeftOuter, SiteToSiteLab.RightOuter, LeftNet, RightNet, lab.Left.Path, "eap-mschapv2", Password);

    /// <summary>strongSwan initiates, its Child SA is installed and pings cross the tunnel from its inside address.</summary>
    private static void AssertTunnel(EapLab lab, StrongSwanDaemon strongSwan, IpsecTunDaemon ipsectun, string radiusLog)
    {
        CommandResult initiate = strongSwan.Initiate("net");
        if (initiate.ExitCode != 0)
        {
            // The gateway logs its side of a failure when the client's AUTH_FAILED reaches it, just after swanctl returns.
            Eventually(() => ipsectun.Log.Contains("EAP", StringComparison.Ordinal));
        }

        Assert.True(initiate.ExitCode == 0, initiate + ipsectun.Log + radiusLog + strongSwan.Log);
        CommandResult ping = SiteToSiteLab.Ping(lab.Hosts.Right, SiteToSiteLab.RightInside, SiteToSiteLab.LeftInside);
        Assert.True(ping.ExitCode == 0, ping + ipsectun.Log + strongSwan.ListSas());
        Assert.Contains("INSTALLED", strongSwan.ListSas(), StringComparison.Ordinal);
    }

    private static long Number(string text) => long.Parse(text, CultureInfo.InvariantCulture);

    private static bool Eventually(Func<bool> condition)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(200);
        }

        return condition();
    }
}
