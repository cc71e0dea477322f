using IpsecTun.Eap.Packets;
using IpsecTun.Eap.Tls;

namespace IpsecTun.Eap.Methods.Tls;

/// <summary>
/// EAP-TLS as peer (RFC 5216; RFC 9190 for TLS 1.3): mutual certificate authentication, then an empty
/// response. Under TLS 1.3 the method ends only with the server's commitment message, one byte 0x00 of
/// application data, because the server may still refuse our certificate after our Finished.
/// </summary>
internal sealed class EapTlsPeerMethod(EapTlsSettings settings) : TlsPeerMethod(settings)
{
    public override EapType Type => EapType.Tls;

    public override bool ContinuesAfterDone => false;

    protected override bool AllowTls13 => Settings.AllowTls13;

    protected override IReadOnlyList<TlsExport> Exports { get; } = [TlsExport.KeyMaterial("client EAP encryption", (byte)EapType.Tls)];

    protected override EapMethodStep OnTunnel(byte identifier, byte[] applicationData, bool justCompleted)
    {
        if (!Engine!.IsTls13)
        {
            return applicationData.Length == 0 ? Finish() : FailTls("unexpected application data in EAP-TLS");
        }

        return applicationData switch
        {
            [0] => Finish(),
            [] when justCompleted => EapMethodStep.Continue(Flush()),
            _ => FailTls("unexpected application data instead of the EAP-TLS commitment message"),
        };
    }

    private EapMethodStep Finish() => EapMethodStep.Done(Flush(), EapKeys.FromKeyMaterial(Engine!.Exported(0)));
}
