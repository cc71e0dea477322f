using System.Security.Cryptography;
using IpsecTun.Crypto;
using IpsecTun.Eap.Methods.Tls;
using IpsecTun.Eap.Packets;
using IpsecTun.Eap.Tls;

namespace IpsecTun.Eap.Methods.Peap;

/// <summary>
/// PEAPv0 as server: after the TLS 1.2 handshake and the peer's acknowledgement, runs an inner
/// <see cref="EapServer"/> with the configured methods over PEAPv0's compressed encoding, then sends the
/// Result TLV, with a Cryptobinding TLV (<see cref="PeapCryptoBinding"/>) when the inner method succeeded; the
/// peer's matching Result ends the method. A peer that proves the binding gets MSK | EMSK from the Compound
/// Session Key; one that answers without a Cryptobinding TLV (an implementation without binding, which MS-PEAP
/// lets a server accept) gets TLS-PRF "client EAP encryption"; a wrong binding fails.
/// </summary>
internal sealed class PeapServerMethod(EapUserLookup users, RandomSource random, EapTlsSettings settings) : TlsServerMethod(settings)
{
    private readonly byte[] _nonce = new byte[PeapCryptoBinding.NonceLength];
    private EapServer? _inner;
    private EapPacket? _result;
    private string? _innerFailure;
    private PeapCryptoBinding? _binding;

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
                _innerFailure = outcome.Kind == EapOutcomeKind.Failed ? outcome.Reason : null;
                _result = _innerFailure is null
                    ? Offer((byte)(request.Identifier + 1), outcome.Keys)
                    : PeapResult.Encode(EapCode.Request, (byte)(request.Identifier + 1), success: false);
                outcome.Keys?.Dispose();
                return Write(_result);
        }
    }

    protected override void Dispose(bool disposing)
    {
        _inner?.Dispose();
        _binding?.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>The successful Result with a Cryptobinding request over the inner method's keys and a fresh nonce.</summary>
    private EapPacket Offer(byte identifier, EapKeys? innerKeys)
    {
        byte[] tunnelKey = Engine!.Exported(0);
        _binding = PeapCryptoBinding.Derive(tunnelKey, innerKeys);
        CryptographicOperations.ZeroMemory(tunnelKey);
        random.Fill(_nonce);
        // The peer may answer with the last bit set (as EAP-FAST does); a clear bit here keeps that unambiguous.
        _nonce[^1] &= 0xFE;
        return PeapResult.Encode(EapCode.Request, identifier, success: true, _binding.Tlv(PeapCryptoBinding.RequestSubType, _nonce));
    }

    private EapMethodStep OnResult(byte[] applicationData)
    {
        if (_innerFailure is not null)
        {
            return EapMethodStep.Fail($"PEAP: inner EAP {_innerFailure}");
        }

        Range bindingRange = default;
        bool confirmed = EapPacket.TryParse(applicationData, out var response, out _)
            && response!.Code == EapCode.Response
            && response.Identifier == _result!.Identifier
            && response.Type == EapType.PeapExtensions
            && PeapResult.TryRead(response.TypeData, out bindingRange) == true;
        if (!confirmed)
        {
            return EapMethodStep.Fail("PEAP: the peer did not confirm the successful Result");
        }

        if (bindingRange.Equals(default(Range)))
        {
            return EapMethodStep.Done(null, EapKeys.FromKeyMaterial(Engine!.Exported(0)));
        }

        var tlv = response!.TypeData[bindingRange];
        return _binding!.Verify(tlv, PeapCryptoBinding.ResponseSubType) && IsOurNonce(PeapCryptoBinding.NonceOf(tlv))
            ? EapMethodStep.Done(null, _binding.SessionKeys())
            : EapMethodStep.Fail("PEAP: the peer's crypto binding does not verify (the tunnel and the inner authentication do not end at the same peer)");
    }

    private bool IsOurNonce(ReadOnlySpan<byte> nonce) =>
        nonce[..^1].SequenceEqual(_nonce.AsSpan(0, _nonce.Length - 1)) && (nonce[^1] | 1) == (_nonce[^1] | 1);

    private EapMethodStep Write(EapPacket inner) =>
        Engine!.Write(PeapInnerPacket.Encode(inner)) ? EapMethodStep.Continue(Flush()) : FailTls();
}
