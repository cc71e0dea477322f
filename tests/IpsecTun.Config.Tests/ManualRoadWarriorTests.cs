using System.Net;

namespace IpsecTun.Config.Tests;

/// <summary>The manual's road warrior examples (RSA server and client, EAP with RADIUS, client with NAT), imported and checked.</summary>
public sealed class ManualRoadWarriorTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Rsa_server_skips_the_certificates_RouterOS_makes_and_asks_for_their_files()
    {
        var import = Fixture.Imported("road-warrior-rsa-server");
        const string Files = ": ipsectun reads certificates from files; add a certificate entry with its file";
        Assert.Equal(
            [
                "skipped: /certificate add (line 3)" + Files,
                "skipped: /certificate sign (line 4)" + Files,
                "skipped: /certificate add (line 5)" + Files,
                "skipped: /certificate sign (line 6)" + Files,
                "skipped: /ip firewall filter (line 28)",
                "skipped: /certificate add (line 30)" + Files,
                "skipped: /certificate sign (line 31)" + Files,
                "skipped: /certificate export-certificate (line 33)",
                "skipped: /certificate export-certificate (line 35)",
                "skipped: /certificate export-certificate (line 37)",
                "skipped: /certificate export-certificate (line 38)",
            ],
            import.Skipped);

        var errors = Fixture.Load(import, directory).Errors;
        Assert.Equal(
            [
                ("ip.ipsec.identity[0] (peer ike2)", "certificate"),
                ("ip.ipsec.identity[1] (peer ike2)", "certificate"),
                ("ip.ipsec.identity[1] (peer ike2)", "remote-certificate"),
            ],
            errors.Select(e => (e.Entry, e.Property)));
        Assert.StartsWith("no certificate entry is named \"server1\"", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rsa_server_loads_with_its_certificates_as_files()
    {
        TestCertificates.WritePkcs12(directory, "server1.p12", "2.2.2.2", "server-pass");
        TestCertificates.WritePem(directory, "rw-client1.pem", "rw-client1");
        var config = Fixture.Valid(Fixture.Imported("road-warrior-rsa-server"), directory,
            "certificate.0.name=server1", "certificate.0.file=server1.p12", "certificate.0.passphrase=server-pass",
            "certificate.1.name=rw-client1", "certificate.1.file=rw-client1.pem");

        Assert.Null(config.Proposal("ike2").PfsGroup);
        Assert.Equal(["aes-128"], config.Profile("ike2").EncAlgorithms.Select(a => a.ProfileName ?? a.Name));
        var range = Assert.Single(config.Pool("ike2-pool").Ranges);
        Assert.Equal((IPAddress.Parse("192.168.77.2"), IPAddress.Parse("192.168.77.254")), (range.First, range.Last));
        var conf = config.ModeConfig("ike2-conf");
        Assert.Equal(("ike2-pool", 32), (conf.AddressPool, conf.AddressPrefixLength));
        var template = config.Policies.Single(p => p.Group == "ike2-policies");
        Assert.Equal((IPNetwork.Parse("0.0.0.0/0"), IPNetwork.Parse("192.168.77.0/24")), (template.SrcAddress, template.DstAddress));
        Assert.Equal("ike2", template.Proposal);
        Assert.True(config.Peer("ike2").Passive);

        var identities = config.IdentitiesOf("ike2").ToList();
        Assert.Equal(2, identities.Count);
        Assert.All(identities, i => Assert.Equal((AuthMethod.DigitalSignature, "server1", GeneratePolicy.PortStrict, "ike2-policies"),
            (i.AuthMethod, i.Certificate, i.GeneratePolicy, i.PolicyTemplateGroup)));
        Assert.Equal(("ike2-conf", MatchBy.RemoteId), (identities[0].ModeConfig, identities[0].MatchBy));
        Assert.Equal(("usr_A", MatchBy.Certificate, "rw-client1"), (identities[1].ModeConfig, identities[1].MatchBy, identities[1].RemoteCertificate));

        var userA = config.ModeConfig("usr_A");
        Assert.Equal(IPAddress.Parse("192.168.66.2"), userA.Address);
        Assert.Equal([IPNetwork.Parse("192.168.55.0/24")], userA.SplitInclude);
        Assert.False(userA.SystemDns);
        Assert.True(config.Certificate("server1").HasPrivateKey);
    }

    [Fact]
    public void Split_tunnel_snippet_edits_a_mode_config_no_example_creates()
    {
        var import = Fixture.Import("road-warrior-split-tunnel");
        Assert.False(import.Succeeded);
        Assert.Equal(
            [
                "road-warrior-split-tunnel.rsc:6: no /ip ipsec mode-config entry with name=rw-conf was added earlier in this script; added: ike2-conf",
                "road-warrior-split-tunnel.rsc:8: no /ip ipsec mode-config entry with name=rw-conf was added earlier in this script; added: ike2-conf",
            ],
            import.Errors);
    }

    [Fact]
    public void Rsa_client_imports_its_pkcs12_under_RouterOS_certificate_name()
    {
        var import = Fixture.Imported("road-warrior-rsa-client");
        Assert.Equal(
            [
                "skipped: /certificate print (line 4)",
                "skipped: /ip ipsec active-peers print (line 20)",
                "skipped: /ip ipsec installed-sa print (line 21)",
            ],
            import.Skipped);
        TestCertificates.WritePkcs12(directory, "cert_export_RouterOS_client.p12", "rw-client", "1234567890");
        var config = Fixture.Valid(import, directory);

        var certificate = config.Certificate("cert_export_RouterOS_client.p12_0");
        Assert.True(certificate.HasPrivateKey);
        Assert.Equal("1234567890"u8.ToArray(), certificate.Passphrase!.Value.ToArray());
        Assert.Null(config.Proposal("ike2-rw").PfsGroup);
        var template = config.Policies.Single(p => p.Group == "ike2-rw");
        Assert.True(template.Template);
        Assert.Equal("ike2-rw", template.Proposal);
        var modeConfig = config.ModeConfig("ike2-rw");
        Assert.False(modeConfig.Responder);
        Assert.Equal("local", modeConfig.SrcAddressList);
        Assert.Equal(("local", IPNetwork.Parse("192.168.88.0/24")), (config.AddressLists[0].List, config.AddressLists[0].Address));
        var peer = config.Peer("ike2-rw-client");
        Assert.Equal((IPNetwork.Parse("2.2.2.2/32"), ExchangeMode.Ike2, "default"), (peer.Address.Prefix!.Value, peer.ExchangeMode, peer.Profile));
        var identity = Assert.Single(config.IdentitiesOf("ike2-rw-client"));
        Assert.Equal((AuthMethod.DigitalSignature, "cert_export_RouterOS_client.p12_0", "ike2-rw", "ike2-rw"),
            (identity.AuthMethod, identity.Certificate, identity.ModeConfig, identity.PolicyTemplateGroup));
    }

    [Fact]
    public void Eap_server_passes_eap_to_radius_and_sends_interim_updates()
    {
        var import = Fixture.Imported("road-warrior-eap-server");
        Assert.Equal(
            [
                "skipped: /certificate enable-ssl-certificate (line 2)",
                "skipped: /certificate print (line 3)",
                "skipped: /user-manager router (line 5)",
                "skipped: /user-manager (line 7)",
                "skipped: /user-manager user (line 9)",
                "skipped: /user-manager user (line 30)",
            ],
            import.Skipped);
        TestCertificates.WritePemWithKey(directory, "letsencrypt.pem", "letsencrypt.key", "vpn.example.com");
        var config = Fixture.Valid(import, directory,
            "certificate.0.name=letsencrypt_2021-04-09T07:10:55Z", "certificate.0.file=letsencrypt.pem", "certificate.0.key-file=letsencrypt.key");

        var radius = Assert.Single(config.RadiusServers);
        Assert.Equal((IPAddress.Loopback, "ipsec"), (radius.Address, Assert.Single(radius.Service)));
        Assert.Equal("test"u8.ToArray(), radius.Secret.Value.ToArray());
        var identity = Assert.Single(config.IdentitiesOf("ike2"));
        Assert.Equal(AuthMethod.EapRadius, identity.AuthMethod);
        Assert.Equal("letsencrypt_2021-04-09T07:10:55Z", identity.Certificate);
        Assert.Equal(("ike2-conf", "ike2-policies", GeneratePolicy.PortStrict), (identity.ModeConfig, identity.PolicyTemplateGroup, identity.GeneratePolicy));
        Assert.Equal(TimeSpan.FromMinutes(1), config.Settings.InterimUpdate);
        Assert.True(config.Settings.Accounting);
    }

    [Fact]
    public void Eap_radius_without_a_radius_server_is_an_error_on_the_identity()
    {
        var import = Fixture.Imported("road-warrior-eap-server");
        var json = import.Json!.Replace("\"radius\"", "\"unused\"", StringComparison.Ordinal);
        var result = Loader.Load(directory, json);
        Assert.Contains(result.Errors, e => e.Entry == "ip.ipsec.identity[0] (peer ike2)" && e.Property == "auth-method" &&
            e.Message.Contains("radius entry with service=ipsec", StringComparison.Ordinal));
    }

    [Fact]
    public void Client_with_nat_edits_the_built_in_request_only_mode_config()
    {
        var import = Fixture.Imported("roadwarrior-client-with-nat");
        Assert.Empty(import.Skipped);
        var config = Fixture.Valid(import, directory);
        var requestOnly = Assert.Single(config.ModeConfigs);
        Assert.Equal(("request-only", false, "local-RW"), (requestOnly.Name, requestOnly.Responder, requestOnly.SrcAddressList));
        Assert.Equal(IPNetwork.Parse("192.168.88.0/24"), Assert.Single(config.AddressLists).Address);
    }
}
