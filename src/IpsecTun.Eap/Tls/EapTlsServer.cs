using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace IpsecTun.Eap.Tls;

/// <summary>
/// The TLS server of a server-side method: versions, the configured certificate (cipher suites limited to
/// its key type), and for EAP-TLS a mandatory client certificate checked against the configured CAs.
/// </summary>
internal sealed class EapTlsServer(BcTlsCrypto crypto, EapTlsSettings settings, bool allowTls13, bool requireClientCertificate, TlsHandshakeState state)
    : DefaultTlsServer(crypto)
{
    public override TlsCredentials GetCredentials() =>
        TlsSignerCredentials.Create(m_context, crypto, settings, m_context.SecurityParameters.ClientSigAlgs, null)
        ?? throw new TlsFatalAlert(AlertDescription.handshake_failure, "no signature scheme in common for the server certificate");

    public override CertificateRequest? GetCertificateRequest()
    {
        if (!requireClientCertificate)
        {
            return null;
        }

        var algorithms = TlsUtilities.GetDefaultSupportedSignatureAlgorithms(m_context);
        return TlsUtilities.IsTlsV13(m_context)
            ? new CertificateRequest(TlsUtilities.EmptyBytes, algorithms, null, null)
            : new CertificateRequest([ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign], algorithms, null);
    }

    public override void NotifyClientCertificate(Certificate clientCertificate)
    {
        var validated = TlsCertificateValidator.Validate(clientCertificate, settings, "peer", checkServerName: false, out string? reason);
        if (validated is null)
        {
            state.Fail(reason!);
            throw new TlsFatalAlert(
                clientCertificate is null || clientCertificate.IsEmpty ? AlertDescription.certificate_required : AlertDescription.bad_certificate, reason);
        }

        state.PeerCertificate = validated;
    }

    /// <summary>
    /// Accepts clients without RFC 5746 renegotiation indication (strongSwan's TLS stack sends neither the
    /// extension nor the SCSV). The attack it guards against needs a renegotiation, and this server refuses every
    /// renegotiation, so nothing depends on it.
    /// </summary>
    public override void NotifySecureRenegotiation(bool secureRenegotiation)
    {
    }

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        TlsKeyExporter.OnHandshakeComplete(m_context, state);
    }

    public override void NotifyAlertRaised(short alertLevel, short alertDescription, string message, Exception cause) =>
        state.OnAlert(alertLevel, alertDescription, cause?.Message is { } why && why != message ? $"{message}: {why}" : message, sent: true, "peer");

    public override void NotifyAlertReceived(short alertLevel, short alertDescription) =>
        state.OnAlert(alertLevel, alertDescription, null, sent: false, "peer");

    protected override ProtocolVersion[] GetSupportedVersions() =>
        allowTls13 ? ProtocolVersion.TLSv13.DownTo(ProtocolVersion.TLSv12) : ProtocolVersion.TLSv12.Only();

    protected override int[] GetSupportedCipherSuites()
    {
        // TLS 1.2 suites name the server key's type; offering only those that fit our key keeps the server
        // from choosing one it cannot sign for. All have forward secrecy; TLS 1.3 suites fit any key.
        int[] tls12 = TlsSignerCredentials.IsEcdsa(settings)
            ? [CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
               CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384,
               CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
               CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA]
            : [CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
               CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384,
               CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
               CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_DHE_RSA_WITH_AES_256_GCM_SHA384,
               CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256];
        int[] all = [CipherSuite.TLS_AES_256_GCM_SHA384, CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_CHACHA20_POLY1305_SHA256, .. tls12];
        return TlsUtilities.GetSupportedCipherSuites(Crypto, all);
    }
}
