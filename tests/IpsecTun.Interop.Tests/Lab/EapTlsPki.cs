namespace IpsecTun.Interop.Tests.Lab;

/// <summary>
/// Certificates for EAP-TLS and EAP-TTLS, made with openssl at test time: a CA, the gateway's certificate
/// (<see cref="LabPki.GatewayName"/>, which also serves FreeRADIUS, since strongSwan expects the EAP server to be
/// the gateway it talks to) and the user's certificate (<see cref="ClientId"/>), issued by the CA or, for the
/// wrong-CA case, by another one that the gateway does not know.
/// </summary>
internal sealed class EapTlsPki
{
    public const string ClientId = "alice.lab";

    private readonly string _ca;
    private readonly string _clientCa;
    private readonly (string Certificate, string Key) _gateway;
    private readonly (string Certificate, string Key) _client;

    public EapTlsPki(TemporaryDirectory scratch, bool clientFromAnotherCa = false)
    {
        var ca = new OpensslCa(scratch, "Lab TLS CA", ecdsa: true);
        _ca = File.ReadAllText(ca.CaCertificate);
        _gateway = Read(ca.Issue("gw", LabPki.GatewayName));
        OpensslCa clientCa = clientFromAnotherCa ? new OpensslCa(scratch, "Another CA", ecdsa: true) : ca;
        _client = Read(clientCa.Issue("alice", ClientId));
        _clientCa = File.ReadAllText(clientCa.CaCertificate);
    }

    /// <summary>The CA, the server certificate and its key for FreeRADIUS's EAP-TLS and TTLS.</summary>
    public (string CaPem, string CertificatePem, string KeyPem) FreeRadius => (_ca, _gateway.Certificate, _gateway.Key);

    /// <summary>ca.pem, gw.pem and gw.key for ipsectun's certificate entries (as <see cref="LabPki.WriteFor"/> does).</summary>
    public void WriteFor(TemporaryDirectory directory)
    {
        directory.Write("ca.pem", _ca);
        directory.Write("gw.pem", _gateway.Certificate);
        directory.Write("gw.key", _gateway.Key);
    }

    /// <summary>The CA (and the user's own CA when it is another), the user's certificate and key where swanctl loads them from.</summary>
    public void WriteForStrongSwanClient(TemporaryDirectory directory)
    {
        directory.Write("swanctl/x509ca/ca.pem", _ca);
        directory.Write("swanctl/x509ca/client-ca.pem", _clientCa);
        directory.Write("swanctl/x509/client.pem", _client.Certificate);
        directory.Write("swanctl/private/client.pem", _client.Key);
    }

    private static (string Certificate, string Key) Read((string Certificate, string Key) files) =>
        (File.ReadAllText(files.Certificate), File.ReadAllText(files.Key));
}
