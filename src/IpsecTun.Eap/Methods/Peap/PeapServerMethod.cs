using IpsecTun.Crypto;
using IpsecTun.Eap.Methods.Tls;
using IpsecTun.Eap.Packets;
using IpsecTun.Eap.Tls;

namespace IpsecTun.Eap.Methods.Peap;

/// <summary>
/// PEAPv0 as server: after the TLS 1.2 handshake and the peer's acknowledgement, runs an inner
/// <see cref="EapServer"/> with the configured methods over PEAPv0's compressed encoding, then sends the
/// Result TLV; the peer's matching Result ends the method. No crypto binding is sent.
/// </summary>
internal sealed class PeapServerMethod(EapUserLookup users, RandomSource random, EapTlsSettings settings) : TlsServerMethod(settings)
{
    private EapServer? _inner;
    private EapPacket? _result;
    private string? _innerFailure;

    public override EapType Type => EapType.Peap;

    protected override bool AllowTls13 => false;

    protected override bool RequireClientCertificate => false;

    protected override IReadOnlyList<TlsExport> Exports { get; } = [TlsExport.KeyMaterial("client EAP encryption", (byte)EapType.Peap)];

    protected override EapMethodStep OnTunnel(byte[] applicationData, byte nextIdentifier)
    {
        if (_inner is null)
        {
            if (applicationData.Length != 0)
            {
                return EapMethodStep.Fail("PEAP: data instead of the acknowledgement of the handshake");
            }

            _inner = new EapServer(Settings.InnerEapMethods, users, random, Settings);
            return Write(_inner.Start().Packet!);
        }

        if (_result is not null)
        {
            return OnResult(applicationData);
        }

        var request = _inner.OutstandingRequest!;
        if (!PeapInnerPacket.TryDecode(applicationData, EapCode.Response, request.Identifier, out var response))
        {
            return EapMethodStep.Fail("PEAP: malformed inner EAP response");
        }

        var outcome = _inner.Process(response!);
        switch (outcome.Kind)
        {
            case EapOutcomeKind.Send:
                return Write(outcome.Packet!);
            case EapOutcomeKind.Discarded:
                return EapMethodStep.Fail($"PEAP: inner EAP {outcome.Reason}");
            default:
                outcome.Keys?.Dispose();
                _innerFailure = outcome.Kind == EapOutcomeKind.Failed ? outcome.Reason : null;
                _result = PeapResult.Encode(EapCode.Request, (byte)(request.Identifier + 1), _innerFailure is null);
                return Write(_result);
        }
    }

    protected override void Dispose(bool disposing)
    {
        _inner?.Dispose();
        base.Dispose(disposing);
    }

    private EapMethodStep OnResult(byte[] applicationData)
    {
        if (_innerFailure is not null)
        {
            return EapMethodStep.Fail($"PEAP: inner EAP {_innerFailure}");
        }

        bool confirmed = EapPacket.TryParse(applicationData, out var response, out _)
            && response!.Code == EapCode.Response
            && response.Identifier == _result!.Identifier
            && response.Type == EapType.PeapExtensions
            && PeapResult.TryRead(response.TypeData) == true;
        return confirmed
            ? EapMethodStep.Done(null, EapKeys.FromKeyMaterial(Engine!.Exported(0)))
            : EapMethodStep.Fail("PEAP: the peer did not confirm the successful Result");
    }

    private EapMethodStep Write(EapPacket inner) =>
        Engine!.Write(PeapInnerPacket.Encode(inner)) ? EapMethodStep.Continue(Flush()) : FailTls();
}
