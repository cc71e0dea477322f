using System.Text;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace IpsecTun.Eap.Tls;

/// <summary>The TLS client of a peer-side method: versions, SNI, server validation, client certificate, key export.</summary>
internal sealed class EapTlsClient(BcTlsCrypto crypto, EapTlsSettings settings, bool allowTls13, TlsHandshakeState state)
    : DefaultTlsClient(crypto)
{
    internal TlsContext Context => m_context;

    internal BcTlsCrypto BcCrypto => crypto;

    internal EapTlsSettings Settings => settings;

    internal TlsHandshakeState State => state;

    public override TlsAuthentication GetAuthentication() => new EapTlsClientAuthentication(this);

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        TlsKeyExporter.OnHandshakeComplete(m_context, state);
    }

    public override void NotifyAlertRaised(short alertLevel, short alertDescription, string message, Exception cause) =>
        state.OnAlert(alertLevel, alertDescription, message, sent: true, "server");

    public override void NotifyAlertReceived(short alertLevel, short alertDescription) =>
        state.OnAlert(alertLevel, alertDescription, null, sent: false, "server");

    /// <summary>
    /// Accepts a server without RFC 5746's renegotiation_info (strongSwan's TLS stack sends none), which BouncyCastle
    /// refuses by default. The extension guards renegotiation, which this client never does: it answers no
    /// HelloRequest and starts no second handshake, so there is nothing an attacker could splice onto.
    /// </summary>
    public override void NotifySecureRenegotiation(bool secureRenegotiation)
    {
    }

    protected override ProtocolVersion[] GetSupportedVersions() =>
        allowTls13 ? ProtocolVersion.TLSv13.DownTo(ProtocolVersion.TLSv12) : ProtocolVersion.TLSv12.Only();

    protected override IList<ServerName>? GetSniServerNames() =>
        settings.ServerName is string name ? [new ServerName(NameType.host_name, Encoding.ASCII.GetBytes(name))] : null;
}
