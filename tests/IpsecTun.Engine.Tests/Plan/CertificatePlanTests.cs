using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using IpsecTun.Engine.Plan;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Tests.Plan;

/// <summary>Identities with auth-method=digital-signature become Ike's certificate settings, on both sides.</summary>
public sealed class CertificatePlanTests : IDisposable
{
    private readonly TestCertificates pki = new();

    public void Dispose() => pki.Dispose();

    private static string Config(string identities, string certificates = """
        { "name": "ca", "file": "ca.pem" }, { "name": "gw", "file": "gw.pem", "key-file": "gw.key" }
        """) => $$"""
        {
          "ip": { "ipsec": {
            "peer":     [ { "name": "site", "address": "192.0.2.1/32", "exchange-mode": "ike2" } ],
            "identity": [ {{identities}} ] } },
          "certificate": [ {{certificates}} ]
        }
        """;

    private EndpointPlanResult Build(string json, Action<string>? more = null) => ConfigurationText.Build(json, directory =>
    {
        pki.WriteCa(directory, "ca.pem");
        pki.WritePem(directory, "gw", "CN=gw.example.net,O=Lab", "gw.example.net");
        more?.Invoke(directory);
    });

    private IkeSaSettings Initiator(string identity)
    {
        var result = Build(Config(identity));
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return result.Plan.Peers[0].Settings;
    }

    [Fact]
    public void Digital_signature_signs_with_its_certificate_names_itself_by_its_san_and_trusts_the_ca_entries()
    {
        var settings = Initiator("""{ "peer": "site", "auth-method": "digital-signature", "certificate": "gw", "remote-id": "fqdn:site.example.net" }""");

        Assert.Equal((IkeAuthMethod.DigitalSignature, IkeAuthMethod.DigitalSignature), (settings.AuthMethod, settings.ExpectedRemoteAuthMethod));
        Assert.Equal("CN=gw.example.net, O=Lab", settings.Certificate!.Certificate.Subject);
        Assert.IsAssignableFrom<RSA>(settings.Certificate.PrivateKey);
        Assert.Equal((IdentificationType.Fqdn, "gw.example.net"), (settings.LocalId.Type, settings.LocalId.ToString()));
        Assert.Equal((IdentificationType.Fqdn, "site.example.net"), (settings.RemoteId!.Type, settings.RemoteId.ToString()));
        var validation = settings.PeerValidation!;
        Assert.Equal(pki.Ca.Thumbprint, Assert.Single(validation.TrustedCas).Thumbprint);
        Assert.Equal((PeerMatch.RemoteId, true, null), (validation.MatchBy, validation.RequireIdInCertificate, validation.RemoteCertificate));
    }

    [Fact]
    public void My_id_auto_of_a_certificate_without_san_is_its_subject_and_explicit_ids_stay_as_given()
    {
        const string json = """
            {
              "ip": { "ipsec": {
                "peer":     [ { "name": "a", "address": "192.0.2.1/32", "exchange-mode": "ike2" },
                              { "name": "b", "address": "192.0.2.2/32", "exchange-mode": "ike2" } ],
                "identity": [ { "peer": "a", "auth-method": "digital-signature", "certificate": "plain", "remote-id": "dn:CN=site,O=Lab" },
                              { "peer": "b", "auth-method": "digital-signature", "certificate": "gw", "my-id": "user-fqdn:gw@example.net", "remote-id": "key-id:0x0102" } ] } },
              "certificate": [ { "name": "ca", "file": "ca.pem" }, { "name": "gw", "file": "gw.pem", "key-file": "gw.key" },
                               { "name": "plain", "file": "plain.pem", "key-file": "plain.key" } ]
            }
            """;
        var result = Build(json, directory => pki.WritePem(directory, "plain", "CN=plain,O=Lab", dnsName: null).Dispose());
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        var (a, b) = (result.Plan.Peers[0].Settings, result.Plan.Peers[1].Settings);

        Assert.Equal((IdentificationType.DerAsn1Dn, "CN=plain, O=Lab"), (a.LocalId.Type, a.LocalId.ToString()));
        Assert.Equal(a.Certificate!.Certificate.SubjectName.RawData, a.LocalId.Data.ToArray());
        Assert.Equal(IdentificationType.DerAsn1Dn, a.RemoteId!.Type);
        Assert.Equal((IdentificationType.Rfc822Address, "gw@example.net"), (b.LocalId.Type, b.LocalId.ToString()));
        Assert.Equal(IdentificationType.KeyId, b.RemoteId!.Type);
        Assert.Equal([0x01, 0x02], b.RemoteId.Data.ToArray());
    }

    [Fact]
    public void Remote_id_ignore_skips_the_id_check_and_match_by_certificate_pins_the_remote_certificate()
    {
        var ignoring = Initiator("""{ "peer": "site", "auth-method": "digital-signature", "certificate": "gw", "remote-id": "ignore" }""");
        Assert.Null(ignoring.RemoteId);
        Assert.False(ignoring.PeerValidation!.RequireIdInCertificate);

        var pinned = Initiator("""{ "peer": "site", "auth-method": "digital-signature", "certificate": "gw", "match-by": "certificate", "remote-certificate": "ca" }""");
        Assert.Equal(PeerMatch.Certificate, pinned.PeerValidation!.MatchBy);
        Assert.Equal(pki.Ca.Thumbprint, pinned.PeerValidation.RemoteCertificate!.Thumbprint);
    }

    [Fact]
    public void A_pkcs12_bundle_brings_its_chain_and_its_ca_is_trusted()
    {
        const string certificates = """{ "name": "bundle", "file": "gw.p12", "passphrase": "1234567890" }""";
        var result = Build(Config("""{ "peer": "site", "auth-method": "digital-signature", "certificate": "bundle" }""", certificates), directory =>
        {
            (X509Certificate2 certificate, RSA key) = pki.Issue("CN=bundle.example.net", "bundle.example.net");
            using (key)
            using (certificate)
            using (var withKey = certificate.CopyWithPrivateKey(key))
            using (var ca = X509CertificateLoader.LoadCertificate(pki.Ca.RawData))
            {
                var bundle = new X509Certificate2Collection { withKey, ca };
                File.WriteAllBytes(Path.Combine(directory, "gw.p12"), bundle.Export(X509ContentType.Pkcs12, "1234567890")!);
            }
        });
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        var settings = result.Plan.Peers[0].Settings;

        Assert.Equal("CN=bundle.example.net", settings.Certificate!.Certificate.Subject);
        Assert.Equal(pki.Ca.Thumbprint, Assert.Single(settings.Certificate.Chain).Thumbprint);
        Assert.Equal(pki.Ca.Thumbprint, Assert.Single(settings.PeerValidation!.TrustedCas).Thumbprint);
        Assert.Null(settings.RemoteId); // remote-id auto accepts any ID, which must still name the peer's certificate
        Assert.True(settings.PeerValidation.RequireIdInCertificate);
    }

    [Fact]
    public void A_bundle_with_two_private_keys_is_an_error_on_the_certificate_entry_and_the_identity()
    {
        const string certificates = """{ "name": "ca", "file": "ca.pem" }, { "name": "two", "file": "two.p12", "passphrase": "pw" }""";
        var result = Build(Config("""{ "peer": "site", "auth-method": "digital-signature", "certificate": "two" }""", certificates), directory =>
        {
            var (first, firstKey) = pki.Issue("CN=one", null);
            var (second, secondKey) = pki.Issue("CN=two", null);
            using var a = first.CopyWithPrivateKey(firstKey);
            using var b = second.CopyWithPrivateKey(secondKey);
            File.WriteAllBytes(Path.Combine(directory, "two.p12"), new X509Certificate2Collection { a, b }.Export(X509ContentType.Pkcs12, "pw")!);
            foreach (IDisposable item in new IDisposable[] { first, firstKey, second, secondKey })
            {
                item.Dispose();
            }
        });

        Assert.False(result.Succeeded);
        Assert.Collection(
            result.Errors,
            e =>
            {
                Assert.Equal(("certificate[1] (two)", "file"), (e.Entry, e.Property));
                Assert.Contains("two.p12 gives no key IKE can sign with: The PKCS#12 bundle holds 2 private keys; one is needed.", e.Message, StringComparison.Ordinal);
            },
            e => Assert.Equal(("ip.ipsec.identity[0] (peer site)", "certificate"), (e.Entry, e.Property)));
    }

    [Fact]
    public void A_key_file_of_another_certificate_is_a_configuration_error_on_the_certificate_entry()
    {
        var directory = Directory.CreateTempSubdirectory("ipsectun-engine-");
        try
        {
            pki.WriteCa(directory.FullName, "ca.pem");
            pki.WritePem(directory.FullName, "gw", "CN=gw", "gw.example.net").Dispose();
            pki.WritePem(directory.FullName, "other", "CN=other", "other.example.net").Dispose();
            string path = Path.Combine(directory.FullName, "config.json");
            File.WriteAllText(path, Config(
                """{ "peer": "site", "auth-method": "digital-signature", "certificate": "gw" }""",
                """{ "name": "ca", "file": "ca.pem" }, { "name": "gw", "file": "gw.pem", "key-file": "other.key" }"""));

            var loaded = IpsecTun.Config.ConfigurationLoader.Load(new IpsecTun.Config.ConfigurationLoadOptions(path, [], "ENGINE_TEST_UNUSED_"));

            var error = Assert.Single(loaded.Errors);
            Assert.StartsWith(path + ":", error.Source, StringComparison.Ordinal);
            Assert.Equal(("certificate[1] (gw)", "key-file"), (error.Entry, error.Property));
            Assert.Contains("other.key", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_renewed_certificate_changes_the_fingerprint_of_the_peers_that_sign()
    {
        var directory = Directory.CreateTempSubdirectory("ipsectun-engine-");
        try
        {
            pki.WriteCa(directory.FullName, "ca.pem");
            pki.WritePem(directory.FullName, "gw", "CN=gw", "gw.example.net").Dispose();
            string path = Path.Combine(directory.FullName, "config.json");
            File.WriteAllText(path, Config("""{ "peer": "site", "auth-method": "digital-signature", "certificate": "gw" }"""));
            string Fingerprint() => EndpointPlanBuilder.Build(
                IpsecTun.Config.ConfigurationLoader.Load(new IpsecTun.Config.ConfigurationLoadOptions(path, [], "ENGINE_TEST_UNUSED_")).Configuration!).Plan!.Peers[0].Fingerprint;

            string first = Fingerprint();
            Assert.Equal(first, Fingerprint());
            pki.WritePem(directory.FullName, "gw", "CN=gw", "gw.example.net").Dispose();
            Assert.NotEqual(first, Fingerprint());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Without_a_ca_entry_or_a_remote_certificate_the_peer_cannot_be_checked()
    {
        var result = Build(Config(
            """{ "peer": "site", "auth-method": "digital-signature", "certificate": "gw" }""",
            """{ "name": "gw", "file": "gw.pem", "key-file": "gw.key" }"""));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("ip.ipsec.identity[0] (peer site)", "remote-certificate"), (error.Entry, error.Property));
        Assert.Contains("no certificate entry is a CA", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_responder_chooses_an_identity_by_the_certificate_the_initiator_sent()
    {
        X509Certificate2? alice = null;
        var result = Build(Config("""
            { "peer": "site", "auth-method": "digital-signature", "certificate": "gw", "match-by": "certificate", "remote-certificate": "alice", "my-id": "fqdn:for-alice" },
            { "peer": "site", "auth-method": "digital-signature", "certificate": "gw", "remote-id": "fqdn:bob.example.net", "my-id": "fqdn:for-bob" },
            { "peer": "site", "auth-method": "pre-shared-key", "secret": "s", "my-id": "fqdn:for-anyone" }
            """, """
            { "name": "ca", "file": "ca.pem" }, { "name": "gw", "file": "gw.pem", "key-file": "gw.key" }, { "name": "alice", "file": "alice.pem" }
            """), directory => alice = pki.WritePem(directory, "alice", "CN=alice", "alice.example.net"));
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        var responders = (ResponderConfiguration)result.Plan.Responders;
        var local = new IPEndPoint(IPAddress.Parse("192.0.2.99"), 500);
        var peer = responders.FindPeer(local, new IPEndPoint(IPAddress.Parse("192.0.2.1"), 500))!;
        var (bobCertificate, bobKey) = pki.Issue("CN=bob", "bob.example.net");
        using (bobKey)
        using (bobCertificate)
        {
            Assert.Equal("for-alice", responders.FindIdentity(peer, Id("alice.example.net"), alice)!.LocalId.ToString());
            Assert.Equal("for-alice", responders.FindIdentity(peer, Id("bob.example.net"), alice)!.LocalId.ToString());
            Assert.Equal("for-bob", responders.FindIdentity(peer, Id("bob.example.net"), bobCertificate)!.LocalId.ToString());
            Assert.Equal("for-anyone", responders.FindIdentity(peer, Id("carol.example.net"), bobCertificate)!.LocalId.ToString());
            Assert.Equal("for-bob", responders.FindIdentity(peer, Id("bob.example.net"))!.LocalId.ToString());
        }

        alice!.Dispose();
    }

    [Fact]
    public void The_responder_asks_for_certificates_when_any_identity_of_the_peer_expects_them()
    {
        var result = Build(Config("""
            { "peer": "site", "auth-method": "pre-shared-key", "secret": "s" },
            { "peer": "site", "auth-method": "digital-signature", "certificate": "gw" }
            """));
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));

        var handed = result.Plan.Responders.FindPeer(new IPEndPoint(IPAddress.Parse("192.0.2.99"), 500), new IPEndPoint(IPAddress.Parse("192.0.2.1"), 500))!;

        Assert.Equal(IkeAuthMethod.DigitalSignature, handed.ExpectedRemoteAuthMethod);
        Assert.Equal(IkeAuthMethod.PreSharedKey, result.Plan.Peers[0].Settings.AuthMethod);
    }

    private static IdentificationPayload Id(string fqdn) => new(PayloadType.IdInitiator, IdentificationType.Fqdn, Encoding.ASCII.GetBytes(fqdn));
}
