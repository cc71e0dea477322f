namespace IpsecTun.Interop.Tests.Lab;

/// <summary>
/// The certificates for ipsectun as an EAP client, made with openssl at test time (P-256): a CA, the gateway's
/// certificate (DNS <see cref="LabPki.GatewayName"/>, which strongSwan and FreeRADIUS both present) and the client's
/// for EAP-TLS (DNS <see cref="EapLabConfig.User"/>, so that it matches the EAP identity strongSwan checks it against).
/// </summary>
internal sealed class EapClientPki
{
    public EapClientPki(TemporaryDirectory directory, string caName = "Lab EAP client CA")
    {
        var ca = new OpensslCa(directory, caName, ecdsa: true);
        CaCertificate = ca.CaCertificate;
        Gateway = ca.Issue("gw", LabPki.GatewayName);
        Client = ca.Issue("client", EapLabConfig.User);
    }

    public string CaCertificate { get; }

    public (string Certificate, string Key) Gateway { get; }

    public (string Certificate, string Key) Client { get; }

    /// <summary>Puts the CA, the gateway certificate and its key where swanctl loads them from, before charon starts.</summary>
    public void WriteForStrongSwan(TemporaryDirectory directory)
    {
        directory.Write("swanctl/x509ca/ca.pem", File.ReadAllText(CaCertificate));
        directory.Write("swanctl/x509/gw.pem", File.ReadAllText(Gateway.Certificate));
        directory.Write("swanctl/private/gw.pem", File.ReadAllText(Gateway.Key));
    }
}
