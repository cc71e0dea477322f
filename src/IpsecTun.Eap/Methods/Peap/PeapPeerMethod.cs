using IpsecTun.Crypto;
using IpsecTun.Eap.Methods.Tls;
using IpsecTun.Eap.Packets;
using IpsecTun.Eap.Tls;

namespace IpsecTun.Eap.Methods.Peap;

/// <summary>
/// PEAPv0 as peer (draft-kamath-pppext-peapv0, MS-PEAP): TLS 1.2 with the server authenticated by its
/// certificate, then inner EAP with the configured methods in PEAPv0's compressed encoding, ended by the
/// server's Result TLV. The method is done only when the inner method has completed and the server reports
/// success. MSK | EMSK = TLS-PRF "client EAP encryption", as without crypto binding (which is not offered:
/// a server that requires it fails the exchange).
/// </summary>
internal sealed class PeapPeerMethod(EapCredentials credentials, RandomSource random, EapTlsSettings settings) : TlsPeerMethod(settings)
{
    private EapPeer? _inner;

    public override EapType Type => EapType.Peap;

    protected override bool AllowTls13 => false;

    protected override IReadOnlyList<TlsExport> Exports { get; } = [TlsExport.KeyMaterial("client EAP encryption", (byte)EapType.Peap)];

    protected override EapMethodStep OnTunnel(byte identifier, byte[] applicationData, bool justCompleted)
    {
        if (applicationData.Length == 0)
        {
            return justCompleted ? EapMethodStep.Continue(Flush()) : FailTls("empty PEAP request after the handshake");
        }

        if (!PeapInnerPacket.TryDecode(applicationData, EapCode.Request, identifier, out var request))
        {
            return FailTls("malformed inner EAP request");
        }

        _inner ??= new EapPeer(credentials, Settings.InnerEapMethods, random, Settings);
        if (request!.Type == EapType.PeapExtensions)
        {
            return OnResult(request);
        }

        var outcome = _inner.Process(request);
        return outcome.Kind == EapOutcomeKind.Send
            ? Write(outcome.Packet!, done: false)
            : FailTls($"inner EAP: {outcome.Reason ?? outcome.Kind.ToString()}");
    }

    protected override void Dispose(bool disposing)
    {
        _inner?.Dispose();
        base.Dispose(disposing);
    }

    private EapMethodStep OnResult(EapPacket request)
    {
        bool? result = PeapResult.TryRead(request.TypeData);
        bool success = result == true && _inner!.MethodCompleted;
        _inner!.TakeMethodKeys()?.Dispose();
        var step = Write(PeapResult.Encode(EapCode.Response, request.Identifier, success), done: success);
        if (step.Kind == EapStepKind.Fail || success)
        {
            return step;
        }

        return EapMethodStep.Fail(
            result switch
            {
                null => "PEAP: the server's Extensions are malformed or need crypto binding",
                false => $"PEAP: inner authentication failed ({_inner.MethodFailure ?? "the server reports failure"})",
                true => "PEAP: the server reports success before the inner method completed",
            },
            step.Data);
    }

    private EapMethodStep Write(EapPacket inner, bool done)
    {
        if (!Engine!.Write(PeapInnerPacket.Encode(inner)))
        {
            return FailTls();
        }

        return done ? EapMethodStep.Done(Flush(), EapKeys.FromKeyMaterial(Engine.Exported(0))) : EapMethodStep.Continue(Flush());
    }
}
