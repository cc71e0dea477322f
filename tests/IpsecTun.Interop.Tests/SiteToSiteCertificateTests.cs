using IpsecTun.Interop.Tests.Lab;

namespace IpsecTun.Interop.Tests;

/// <summary>
/// ipsectun on the left, strongSwan on the right, certificates from a CA made with openssl for the test: either
/// side initiates and ping and a TCP transfer cross the tunnel (RSA certificates named by their DNS
/// subjectAltName; P-256 certificates named by their subject DN). A certificate from another CA is refused,
/// and ipsectun says why.
/// </summary>
[Collection(InteropGroup.Name)]
public sealed class SiteToSiteCertificateTests
{
    public static TheoryData<bool, bool> Cases => new()
    {
        { false, true },
        { false, false },
        { true, true },
        { true, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Traffic_crosses_a_certificate_tunnel_with_strongSwan(bool ecdsa, bool ipsectunInitiates)
    {
        LabRequirement.EnsureAvailable();
        using var lab = new SiteToSiteLab();
        using var caDir = new TemporaryDirectory();
        using var leftDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();
        var ca = new OpensslCa(caDir, ecdsa ? "Lab ECDSA CA" : "Lab RSA CA", ecdsa);
        var left = ca.Issue("left", ecdsa ? null : "left.lab");
        var right = ca.Issue("right", ecdsa ? null : "right.lab");
        InstallForStrongSwan(rightDir, ca.CaCertificate, right);
        using var strongSwan = new StrongSwanDaemon(lab.Right, rightDir, SwanctlCertificateConfig.SiteToSite(
            SiteToSiteLab.RightOuter, SiteToSiteLab.LeftOuter, "10.2.0.0/24", "10.1.0.0/24", IkeSuite.AesGcmEcp256, "right.pem",
            localId: ecdsa ? null : "right.lab", remoteId: ecdsa ? "O=ipsectun lab, CN=left" : "left.lab"));
        using var ipsectun = StartIpsecTun(lab, leftDir, ca.CaCertificate, left, ecdsa ? "auto" : "fqdn:right.lab", passive: !ipsectunInitiates);

        Tunnel.BringUp(ipsectun, strongSwan, ipsectunInitiates);

        Assert.Contains(ecdsa ? "ECDSA_WITH_SHA256_DER successful" : "RSA_EMSA_PKCS1_SHA2_256 successful", SignatureCheck(strongSwan), StringComparison.Ordinal);
        CommandResult ping = SiteToSiteLab.Ping(lab.Left, SiteToSiteLab.LeftInside, SiteToSiteLab.RightInside);
        Assert.True(ping.ExitCode == 0, ping + ipsectun.Log + strongSwan.ListSas());

        double mbps = Iperf.MeasureTcp(lab.Right, SiteToSiteLab.RightInside, lab.Left, SiteToSiteLab.LeftInside, seconds: 3);
        TestContext.Current.TestOutputHelper?.WriteLine($"ipsectun <-> strongSwan, {(ecdsa ? "P-256" : "RSA")} certificates, {(ipsectunInitiates ? "ipsectun" : "strongSwan")} initiating: TCP {mbps:F0} Mbit/s");
        Assert.True(mbps > 1, $"{mbps} Mbit/s");

        Assert.Contains("INSTALLED", strongSwan.ListSas(), StringComparison.Ordinal);
        Assert.Equal(0, ipsectun.Stop());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_certificate_from_another_ca_is_refused_and_ipsectun_says_why(bool ipsectunInitiates)
    {
        LabRequirement.EnsureAvailable();
        using var lab = new SiteToSiteLab();
        using var caDir = new TemporaryDirectory();
        using var otherCaDir = new TemporaryDirectory();
        using var leftDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();
        var ca = new OpensslCa(caDir, "Lab RSA CA", ecdsa: false);
        var otherCa = new OpensslCa(otherCaDir, "Other CA", ecdsa: false);
        var left = ca.Issue("left", "left.lab");
        var right = otherCa.Issue("right", "right.lab");
        InstallForStrongSwan(rightDir, ca.CaCertificate, right);
        using var strongSwan = new StrongSwanDaemon(lab.Right, rightDir, SwanctlCertificateConfig.SiteToSite(
            SiteToSiteLab.RightOuter, SiteToSiteLab.LeftOuter, "10.2.0.0/24", "10.1.0.0/24", IkeSuite.AesGcmEcp256, "right.pem", "right.lab", "left.lab"));
        using var ipsectun = StartIpsecTun(lab, leftDir, ca.CaCertificate, left, "fqdn:right.lab", passive: !ipsectunInitiates);
        const string Reason = "peer certificate not trusted: no trusted CA issued CN=right, O=ipsectun lab (issuer CN=Other CA, O=ipsectun lab)";

        if (ipsectunInitiates)
        {
            CommandResult connect = ipsectun.Cli("connect", "lab-peer", "--timeout", "30s");
            Assert.True(connect.ExitCode == 4, connect + ipsectun.Log);
            Assert.Contains("authentication failed: " + Reason, connect.Output + connect.Error, StringComparison.Ordinal);
        }
        else
        {
            CommandResult initiate = strongSwan.Initiate("net");
            Assert.True(initiate.ExitCode != 0, initiate.ToString());
            Assert.Contains("AUTHENTICATION_FAILED", strongSwan.Log, StringComparison.Ordinal);
        }

        StrongSwanDaemon.WaitFor(() => ipsectun.Log.Contains(Reason, StringComparison.Ordinal), TimeSpan.FromSeconds(20), "ipsectun to log why: " + ipsectun.Log);
        Assert.DoesNotContain("INSTALLED", strongSwan.ListSas(), StringComparison.Ordinal);
        Assert.Equal(0, ipsectun.Stop());
    }

    /// <summary>The CA, certificate and key in the folders beside swanctl.conf that charon loads them from.</summary>
    private static void InstallForStrongSwan(TemporaryDirectory directory, string ca, (string Certificate, string Key) own)
    {
        directory.Write("swanctl/x509ca/ca.pem", File.ReadAllText(ca));
        directory.Write("swanctl/x509/right.pem", File.ReadAllText(own.Certificate));
        directory.Write("swanctl/private/right.key", File.ReadAllText(own.Key));
    }

    private static IpsecTunDaemon StartIpsecTun(
        SiteToSiteLab lab, TemporaryDirectory directory, string ca, (string Certificate, string Key) own, string remoteId, bool passive)
    {
        directory.Write("ca.pem", File.ReadAllText(ca));
        directory.Write("left.pem", File.ReadAllText(own.Certificate));
        directory.Write("left.key", File.ReadAllText(own.Key));
        return new IpsecTunDaemon(lab.Left, directory, IpsecTunCertificateConfig.SiteToSite(
            SiteToSiteLab.LeftOuter, SiteToSiteLab.RightOuter, "10.1.0.0/24", "10.2.0.0/24", IkeSuite.AesGcmEcp256, "ca.pem", "left.pem", "left.key",
            remoteId, passive));
    }

    /// <summary>The line in which strongSwan logged how it checked ipsectun's signature.</summary>
    private static string SignatureCheck(StrongSwanDaemon strongSwan) =>
        strongSwan.Log.Split('\n').FirstOrDefault(l => l.Contains("authentication of '", StringComparison.Ordinal) && l.Contains(" with ", StringComparison.Ordinal)
            && !l.Contains("authentication of 'right", StringComparison.Ordinal) && !l.Contains("CN=right", StringComparison.Ordinal)) ?? strongSwan.Log;
}
