using IpsecTun.Eap.Tls;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace IpsecTun.Eap.Tests;

/// <summary>
/// A plain BouncyCastle TLS 1.2 server that derives EAP-TLS key material through the RFC 5705 exporter with no
/// context, which is defined as PRF(master_secret, label, client_random | server_random): the derivation of
/// RFC 5216 §2.3 reached by a different code path than the one the EAP methods use.
/// </summary>
internal sealed class Rfc5705ExportingServer(BcTlsCrypto crypto, EapTlsSettings settings, string label) : DefaultTlsServer(crypto)
{
    public byte[]? Exported { get; private set; }

    public override TlsCredentials GetCredentials() =>
        TlsSignerCredentials.Create(m_context, crypto, settings, m_context.SecurityParameters.ClientSigAlgs, null)!;

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        Exported = m_context.ExportKeyingMaterial(label, null, 128);
    }

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.TLSv12.Only();
}
