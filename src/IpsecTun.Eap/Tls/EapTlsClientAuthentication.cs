using Org.BouncyCastle.Tls;

namespace IpsecTun.Eap.Tls;

/// <summary>Validates the server's chain and name; offers the client certificate when the server asks for one.</summary>
internal sealed class EapTlsClientAuthentication(EapTlsClient client) : TlsAuthentication
{
    public void NotifyServerCertificate(TlsServerCertificate serverCertificate)
    {
        var validated = TlsCertificateValidator.Validate(serverCertificate?.Certificate, client.Settings, "server", checkServerName: true, out string? reason);
        if (validated is null)
        {
            client.State.Fail(reason!);
            throw new TlsFatalAlert(AlertDescription.bad_certificate, reason);
        }

        client.State.PeerCertificate = validated;
    }

    public TlsCredentials? GetClientCredentials(CertificateRequest certificateRequest) =>
        client.Settings.Certificate is null
            ? null
            : TlsSignerCredentials.Create(
                client.Context, client.BcCrypto, client.Settings, certificateRequest.SupportedSignatureAlgorithms,
                certificateRequest.GetCertificateRequestContext());
}
