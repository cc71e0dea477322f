using System.Security.Cryptography;
using System.Text;
using IpsecTun.Crypto;
using IpsecTun.Eap.Methods.MsChapV2;
using IpsecTun.Eap.Methods.Tls;
using IpsecTun.Eap.Packets;
using IpsecTun.Eap.Tls;

namespace IpsecTun.Eap.Methods.Ttls;

/// <summary>
/// EAP-TTLS version 0 as peer (RFC 5281): TLS 1.2 with the server authenticated by its certificate, then the
/// configured inner method in AVPs. PAP, CHAP and MS-CHAP are ready for EAP-Success as soon as they are
/// sent; MS-CHAP-V2 only once the server has proved the password with MS-CHAP2-Success; inner EAP once its
/// method has finished. The MSK and EMSK come from TLS-PRF "ttls keying material".
/// </summary>
internal sealed class TtlsPeerMethod(EapCredentials credentials, RandomSource random, EapTlsSettings settings) : TlsPeerMethod(settings)
{
    private byte[]? _expectedAuthenticatorResponse;
    private byte _msChapIdent;
    private EapPeer? _inner;

    public override EapType Type => EapType.Ttls;

    protected override bool AllowTls13 => false;

    protected override IReadOnlyList<TlsExport> Exports => TtlsInnerAuthentication.Exports;

    protected override EapMethodStep OnTunnel(byte identifier, byte[] applicationData, bool justCompleted)
    {
        if (justCompleted)
        {
            return SendCredentials();
        }

        if (!DiameterAvp.TryReadAll(applicationData, out var avps))
        {
            return FailTls("malformed AVPs from the server");
        }

        if (_inner is not null)
        {
            return OnInnerEap(avps);
        }

        if (_expectedAuthenticatorResponse is not null)
        {
            return OnMsChapV2Answer(avps);
        }

        return FailTls("unexpected data from the server in the tunnel");
    }

    protected override void Dispose(bool disposing)
    {
        _inner?.Dispose();
        CryptographicOperations.ZeroMemory(_expectedAuthenticatorResponse);
        base.Dispose(disposing);
    }

    private EapMethodStep SendCredentials()
    {
        byte[] material = Engine!.Exported(1);
        try
        {
            var userName = TtlsInnerAuthentication.UserName(credentials);
            switch (Settings.TtlsInnerMethod)
            {
                case TtlsInnerMethod.Pap:
                    return Write(true, userName, TtlsInnerAuthentication.Pap(credentials));
                case TtlsInnerMethod.Chap:
                    return Write(true, [userName, .. TtlsInnerAuthentication.Chap(credentials, material)]);
                case TtlsInnerMethod.MsChap:
                    return Write(true, [userName, .. TtlsInnerAuthentication.MsChap(credentials, material)]);
                case TtlsInnerMethod.MsChapV2:
                    byte[] peerChallenge = new byte[MsChapV2Crypto.ChallengeLength];
                    random.Fill(peerChallenge);
                    _msChapIdent = material[MsChapV2Crypto.ChallengeLength];
                    var avps = TtlsInnerAuthentication.MsChapV2(credentials, material, peerChallenge, out _expectedAuthenticatorResponse);
                    return Write(false, [userName, .. avps]);
                default:
                    // RFC 5281 §11.2.1: the peer opens inner EAP with its Identity Response unasked.
                    _inner = new EapPeer(credentials, Settings.InnerEapMethods, random, Settings);
                    return Write(false, new DiameterAvp(TtlsAvpCode.EapMessage, _inner.OpenWithIdentity().ToArray()));
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    private EapMethodStep OnMsChapV2Answer(List<DiameterAvp> avps)
    {
        byte[]? success = DiameterAvp.Find(avps, TtlsAvpCode.MsChap2Success, DiameterAvp.MicrosoftVendorId);
        if (success is null)
        {
            string error = DiameterAvp.Find(avps, TtlsAvpCode.MsChapError, DiameterAvp.MicrosoftVendorId) is { Length: > 1 } e
                ? Encoding.ASCII.GetString(e, 1, e.Length - 1)
                : "no MS-CHAP2-Success";
            return FailTls($"the server rejected the MS-CHAP-V2 credentials ({error})");
        }

        byte[] expected = [_msChapIdent, .. Encoding.ASCII.GetBytes("S=" + Convert.ToHexString(_expectedAuthenticatorResponse!))];
        bool proven = success.Length >= expected.Length
            && CryptographicOperations.FixedTimeEquals(success.AsSpan(0, expected.Length), expected)
            && (success.Length == expected.Length || success[expected.Length] == (byte)' ');
        return proven
            ? EapMethodStep.Done(Flush(), Keys())
            : FailTls("the server's MS-CHAP-V2 authenticator response is wrong: it does not know the password");
    }

    private EapMethodStep OnInnerEap(List<DiameterAvp> avps)
    {
        var outcome = _inner!.Process(DiameterAvp.JoinEapMessages(avps));
        if (outcome.Kind != EapOutcomeKind.Send)
        {
            return FailTls($"inner EAP: {outcome.Reason ?? outcome.Kind.ToString()}");
        }

        bool completed = _inner.MethodCompleted;
        _inner.TakeMethodKeys()?.Dispose();
        return Write(completed, new DiameterAvp(TtlsAvpCode.EapMessage, outcome.Packet!.ToArray()));
    }

    private EapMethodStep Write(bool done, params DiameterAvp[] avps)
    {
        byte[] plain = DiameterAvp.Encode(avps);
        bool written = Engine!.Write(plain);
        CryptographicOperations.ZeroMemory(plain);
        if (!written)
        {
            return FailTls();
        }

        return done ? EapMethodStep.Done(Flush(), Keys()) : EapMethodStep.Continue(Flush());
    }

    private EapKeys Keys() => EapKeys.FromKeyMaterial(Engine!.Exported(0));
}
