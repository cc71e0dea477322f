using System.Security.Cryptography;
using IpsecTun.Crypto;
using IpsecTun.Eap.Methods.Tls;
using IpsecTun.Eap.Packets;
using IpsecTun.Eap.Tls;

namespace IpsecTun.Eap.Methods.Peap;

/// <summary>
/// PEAPv0 as peer (draft-kamath-pppext-peapv0, MS-PEAP): TLS 1.2 with the server authenticated by its
/// certificate, then inner EAP with the configured methods in PEAPv0's compressed encoding, ended by the
/// server's Result TLV. The method is done only when the inner method has completed and the server reports
/// success. A server that sends a Cryptobinding TLV with its Result must prove it (<see cref="PeapCryptoBinding"/>);
/// the peer answers with its own and takes MSK | EMSK from the Compound Session Key. Without one (as FreeRADIUS
/// 3 sends) MSK | EMSK = TLS-PRF "client EAP encryption" (MS-PEAP §3.1.5.7).
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
            ? Write(outcome.Packet!, null)
            : FailTls($"inner EAP: {outcome.Reason ?? outcome.Kind.ToString()}");
    }

    protected override void Dispose(bool disposing)
    {
        _inner?.Dispose();
        base.Dispose(disposing);
    }

    private EapMethodStep OnResult(EapPacket request)
    {
        bool? result = PeapResult.TryRead(request.TypeData, out Range bindingRange);
        using EapKeys? innerKeys = _inner!.TakeMethodKeys();
        if (result == true && _inner.MethodCompleted)
        {
            return bindingRange.Equals(default(Range))
                ? Write(PeapResult.Encode(EapCode.Response, request.Identifier, success: true), EapKeys.FromKeyMaterial(Engine!.Exported(0)))
                : Bind(request, bindingRange, innerKeys);
        }

        return Refuse(
            request.Identifier,
            result switch
            {
                null => "PEAP: the server's Extensions are malformed",
                false => $"PEAP: inner authentication failed ({_inner.MethodFailure ?? "the server reports failure"})",
                true => "PEAP: the server reports success before the inner method completed",
            });
    }

    /// <summary>Checks the server's Cryptobinding TLV and answers with ours; the session keys then come from the binding.</summary>
    private EapMethodStep Bind(EapPacket request, Range bindingRange, EapKeys? innerKeys)
    {
        byte[] tunnelKey = Engine!.Exported(0);
        using var binding = PeapCryptoBinding.Derive(tunnelKey, innerKeys);
        CryptographicOperations.ZeroMemory(tunnelKey);
        var serverTlv = request.TypeData[bindingRange];
        if (!binding.Verify(serverTlv, PeapCryptoBinding.RequestSubType))
        {
            return Refuse(request.Identifier, "PEAP: the server's crypto binding does not verify (the tunnel and the inner authentication do not end at the same server)");
        }

        byte[] ours = binding.Tlv(PeapCryptoBinding.ResponseSubType, PeapCryptoBinding.NonceOf(serverTlv));
        return Write(PeapResult.Encode(EapCode.Response, request.Identifier, success: true, ours), binding.SessionKeys());
    }

    /// <summary>Answers a Result with failure and ends the method with <paramref name="reason"/>.</summary>
    private EapMethodStep Refuse(byte identifier, string reason)
    {
        var step = Write(PeapResult.Encode(EapCode.Response, identifier, success: false), null);
        return step.Kind == EapStepKind.Fail ? step : EapMethodStep.Fail(reason, step.Data);
    }

    /// <summary>Sends <paramref name="inner"/>; with <paramref name="doneKeys"/> the method is done with those keys.</summary>
    private EapMethodStep Write(EapPacket inner, EapKeys? doneKeys)
    {
        if (!Engine!.Write(PeapInnerPacket.Encode(inner)))
        {
            doneKeys?.Dispose();
            return FailTls();
        }

        return doneKeys is null ? EapMethodStep.Continue(Flush()) : EapMethodStep.Done(Flush(), doneKeys);
    }
}
