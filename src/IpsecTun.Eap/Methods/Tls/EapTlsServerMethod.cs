using IpsecTun.Eap.Packets;
using IpsecTun.Eap.Tls;

namespace IpsecTun.Eap.Methods.Tls;

/// <summary>
/// EAP-TLS as server (RFC 5216; RFC 9190 for TLS 1.3): requires a client certificate from the configured
/// CAs. Under TLS 1.3 it commits to the end of the handshake with one byte 0x00 of application data; the
/// peer's empty response then ends the method.
/// </summary>
internal sealed class EapTlsServerMethod(EapTlsSettings settings) : TlsServerMethod(settings)
{
    public override EapType Type => EapType.Tls;

    protected override bool AllowTls13 => Settings.AllowTls13;

    protected override bool RequireClientCertificate => true;

    protected override IReadOnlyList<TlsExport> Exports { get; } = [TlsExport.KeyMaterial("client EAP encryption", (byte)EapType.Tls)];

    protected override EapMethodStep OnHandshakeComplete(byte nextIdentifier)
    {
        if (Engine!.IsTls13 && !Engine.Write([0]))
        {
            return FailTls();
        }

        return EapMethodStep.Continue(Flush());
    }

    protected override EapMethodStep OnTunnel(byte[] applicationData, byte nextIdentifier) =>
        applicationData.Length == 0
            ? EapMethodStep.Done(null, EapKeys.FromKeyMaterial(Engine!.Exported(0)))
            : FailTls("unexpected application data from the peer");
}
