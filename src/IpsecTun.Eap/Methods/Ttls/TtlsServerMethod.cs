using System.Security.Cryptography;
using System.Text;
using IpsecTun.Crypto;
using IpsecTun.Eap.Methods.MsChapV2;
using IpsecTun.Eap.Methods.Tls;
using IpsecTun.Eap.Packets;
using IpsecTun.Eap.Tls;

namespace IpsecTun.Eap.Methods.Ttls;

/// <summary>
/// EAP-TTLS version 0 as server (RFC 5281): after the TLS 1.2 handshake, accepts whichever inner method the
/// peer's first AVPs use: PAP, CHAP, MS-CHAP and MS-CHAP-V2 checked against the password of the User-Name
/// (the challenges must be the ones TLS-PRF "ttls challenge" gives), or EAP with the configured inner
/// methods, run by an inner <see cref="EapServer"/>.
/// </summary>
internal sealed class TtlsServerMethod(EapUserLookup users, RandomSource random, EapTlsSettings settings) : TlsServerMethod(settings)
{
    private EapServer? _inner;
    private bool _awaitingMsChapV2Acknowledgement;

    public override EapType Type => EapType.Ttls;

    protected override bool AllowTls13 => false;

    protected override bool RequireClientCertificate => false;

    protected override IReadOnlyList<TlsExport> Exports => TtlsInnerAuthentication.Exports;

    protected override EapMethodStep OnTunnel(byte[] applicationData, byte nextIdentifier)
    {
        if (_awaitingMsChapV2Acknowledgement)
        {
            return applicationData.Length == 0 ? Succeed() : EapMethodStep.Fail("EAP-TTLS: data instead of the MS-CHAP-V2 acknowledgement");
        }

        if (!DiameterAvp.TryReadAll(applicationData, out var avps) || avps.Count == 0)
        {
            return EapMethodStep.Fail("EAP-TTLS: malformed or missing AVPs from the peer");
        }

        if (_inner is not null || DiameterAvp.Find(avps, TtlsAvpCode.EapMessage) is not null)
        {
            return OnInnerEap(avps);
        }

        byte[]? name = DiameterAvp.Find(avps, TtlsAvpCode.UserName);
        using var credentials = name is null ? null : users(Encoding.UTF8.GetString(name));
        if (credentials is null)
        {
            return EapMethodStep.Fail("EAP-TTLS: unknown inner identity");
        }

        byte[] material = Engine!.Exported(1);
        try
        {
            return CheckPassword(avps, credentials, material);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    protected override void Dispose(bool disposing)
    {
        _inner?.Dispose();
        base.Dispose(disposing);
    }

    private EapMethodStep CheckPassword(List<DiameterAvp> avps, EapCredentials credentials, byte[] material)
    {
        byte[]? password = DiameterAvp.Find(avps, TtlsAvpCode.UserPassword);
        if (password is not null)
        {
            // Peers differ in whether they pad the password with zeros (RFC 5281 §11.2.5); compare without it.
            byte[] expected = credentials.PasswordUtf8();
            var given = password.AsSpan().TrimEnd((byte)0);
            bool matches = given.Length == expected.Length && CryptographicOperations.FixedTimeEquals(given, expected);
            CryptographicOperations.ZeroMemory(expected);
            CryptographicOperations.ZeroMemory(password);
            return Verdict(matches, "PAP");
        }

        if (DiameterAvp.Find(avps, TtlsAvpCode.ChapPassword) is not null)
        {
            return Verdict(Matches(avps, TtlsInnerAuthentication.Chap(credentials, material)), "CHAP");
        }

        if (DiameterAvp.Find(avps, TtlsAvpCode.MsChapResponse, DiameterAvp.MicrosoftVendorId) is not null)
        {
            return Verdict(Matches(avps, TtlsInnerAuthentication.MsChap(credentials, material)), "MS-CHAP");
        }

        byte[]? response = DiameterAvp.Find(avps, TtlsAvpCode.MsChap2Response, DiameterAvp.MicrosoftVendorId);
        if (!TtlsInnerAuthentication.IsWellFormedResponse(response))
        {
            return EapMethodStep.Fail("EAP-TTLS: no inner method the server knows");
        }

        var expectedAvps = TtlsInnerAuthentication.MsChapV2(
            credentials, material, TtlsInnerAuthentication.PeerChallengeOf(response), out byte[] authenticatorResponse);
        if (!Matches(avps, expectedAvps))
        {
            return EapMethodStep.Fail("EAP-TTLS: inner MS-CHAP-V2 response does not match the password");
        }

        _awaitingMsChapV2Acknowledgement = true;
        byte[] success = DiameterAvp.Encode(TtlsInnerAuthentication.MsChapV2Success(material[MsChapV2Crypto.ChallengeLength], authenticatorResponse));
        return Engine!.Write(success) ? EapMethodStep.Continue(Flush()) : FailTls();
    }

    /// <summary>Whether the peer sent exactly the AVPs the server computes, compared in constant time.</summary>
    private static bool Matches(List<DiameterAvp> received, DiameterAvp[] expected)
    {
        bool all = true;
        foreach (var avp in expected)
        {
            byte[]? value = DiameterAvp.Find(received, avp.Code, avp.VendorId);
            all &= value is not null && value.Length == avp.Data.Length && CryptographicOperations.FixedTimeEquals(value, avp.Data);
        }

        return all;
    }

    private EapMethodStep Verdict(bool matches, string method) =>
        matches ? Succeed() : EapMethodStep.Fail($"EAP-TTLS: inner {method} credentials do not match the password");

    private EapMethodStep OnInnerEap(List<DiameterAvp> avps)
    {
        if (!EapPacket.TryParse(DiameterAvp.JoinEapMessages(avps), out var packet, out _))
        {
            return EapMethodStep.Fail("EAP-TTLS: malformed inner EAP packet");
        }

        if (_inner is null)
        {
            if (packet!.Code != EapCode.Response || packet.Type != EapType.Identity)
            {
                return EapMethodStep.Fail("EAP-TTLS: inner EAP must open with an Identity Response");
            }

            // The peer answers an Identity Request it never saw (RFC 5281 §11.2.1): give it the identifier of ours.
            _inner = new EapServer(Settings.InnerEapMethods, users, random, Settings);
            packet = EapPacket.Response(_inner.Start().Packet!.Identifier, EapType.Identity, packet.TypeData);
        }

        var outcome = _inner.Process(packet!);
        switch (outcome.Kind)
        {
            case EapOutcomeKind.Send:
                return Engine!.Write(DiameterAvp.Encode(new DiameterAvp(TtlsAvpCode.EapMessage, outcome.Packet!.ToArray())))
                    ? EapMethodStep.Continue(Flush())
                    : FailTls();
            case EapOutcomeKind.Succeeded:
                outcome.Keys?.Dispose();
                return Succeed();
            default:
                return EapMethodStep.Fail($"EAP-TTLS: inner EAP {outcome.Reason}");
        }
    }

    private EapMethodStep Succeed() => EapMethodStep.Done(null, EapKeys.FromKeyMaterial(Engine!.Exported(0)));
}
