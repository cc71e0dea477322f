using System.Security.Cryptography;
using System.Text;
using IpsecTun.Eap.Methods.Md5;
using IpsecTun.Eap.Methods.MsChapV2;
using IpsecTun.Eap.Packets;
using IpsecTun.Eap.Tls;

namespace IpsecTun.Eap.Methods.Ttls;

/// <summary>
/// The AVPs of the non-EAP inner methods (RFC 5281 §11.2), computed the same way at peer and server (the
/// server recomputes and compares). CHAP, MS-CHAP and MS-CHAP-V2 take their challenge and identifier from
/// the 17 bytes of TLS-PRF "ttls challenge" (§11.1): the challenge first, the identifier in the byte after it.
/// </summary>
internal static class TtlsInnerAuthentication
{
    private const int MsChapChallengeLength = 8;
    private const int ResponseLength = 50;

    /// <summary>What EAP-TTLS takes from TLS: MSK | EMSK (RFC 5281 §8), then the inner challenge material.</summary>
    public static IReadOnlyList<TlsExport> Exports { get; } =
    [
        TlsExport.KeyMaterial("ttls keying material", (byte)EapType.Ttls),
        new TlsExport("ttls challenge", "EXPORTER_EAP_TLS_Challenge", [(byte)EapType.Ttls], 17),
    ];

    public static DiameterAvp UserName(EapCredentials credentials) => new(TtlsAvpCode.UserName, Encoding.UTF8.GetBytes(credentials.Identity));

    /// <summary>User-Password, zero-padded to a multiple of 16 bytes as RADIUS hides it (RFC 5281 §11.2.5).</summary>
    public static DiameterAvp Pap(EapCredentials credentials)
    {
        byte[] password = credentials.PasswordUtf8();
        byte[] padded = new byte[Math.Max(16, (password.Length + 15) & ~15)];
        password.CopyTo(padded, 0);
        CryptographicOperations.ZeroMemory(password);
        var avp = new DiameterAvp(TtlsAvpCode.UserPassword, padded);
        CryptographicOperations.ZeroMemory(padded);
        return avp;
    }

    /// <summary>CHAP-Challenge and CHAP-Password: Ident | MD5(Ident | password | challenge) (RFC 1994).</summary>
    public static DiameterAvp[] Chap(EapCredentials credentials, ReadOnlySpan<byte> material)
    {
        var challenge = material[..16];
        byte ident = material[16];
        return
        [
            new DiameterAvp(TtlsAvpCode.ChapChallenge, challenge),
            new DiameterAvp(TtlsAvpCode.ChapPassword, [ident, .. Md5ChallengeResponse.Compute(ident, credentials, challenge)]),
        ];
    }

    /// <summary>MS-CHAP-Challenge and MS-CHAP-Response: Ident | Flags 1 (use NT) | 24 zero LM bytes | NT-Response (RFC 2433, RFC 2548).</summary>
    public static DiameterAvp[] MsChap(EapCredentials credentials, ReadOnlySpan<byte> material)
    {
        var challenge = material[..MsChapChallengeLength];
        byte[] hash = MsChapV2Crypto.NtPasswordHash(credentials.Password);
        byte[] ntResponse = MsChapV2Crypto.ChallengeResponse(challenge, hash);
        CryptographicOperations.ZeroMemory(hash);
        byte[] response = new byte[ResponseLength];
        response[0] = material[MsChapChallengeLength];
        response[1] = 1;
        ntResponse.CopyTo(response, 26);
        return
        [
            new DiameterAvp(TtlsAvpCode.MsChapChallenge, challenge, DiameterAvp.MicrosoftVendorId),
            new DiameterAvp(TtlsAvpCode.MsChapResponse, response, DiameterAvp.MicrosoftVendorId),
        ];
    }

    /// <summary>
    /// MS-CHAP-Challenge and MS-CHAP2-Response: Ident | Flags 0 | Peer-Challenge | 8 zero bytes | NT-Response
    /// (RFC 2759, RFC 2548), with the authenticator response the server must prove itself with.
    /// </summary>
    public static DiameterAvp[] MsChapV2(
        EapCredentials credentials, ReadOnlySpan<byte> material, ReadOnlySpan<byte> peerChallenge, out byte[] authenticatorResponse)
    {
        var challenge = material[..MsChapV2Crypto.ChallengeLength];
        byte[] userName = MsChapV2Crypto.ChallengeUserName(Encoding.UTF8.GetBytes(credentials.Identity));
        byte[] hash = MsChapV2Crypto.NtPasswordHash(credentials.Password);
        byte[] ntResponse = MsChapV2Crypto.GenerateNtResponse(challenge, peerChallenge, userName, hash);
        authenticatorResponse = MsChapV2Crypto.GenerateAuthenticatorResponse(hash, ntResponse, peerChallenge, challenge, userName);
        CryptographicOperations.ZeroMemory(hash);
        byte[] response = new byte[ResponseLength];
        response[0] = material[MsChapV2Crypto.ChallengeLength];
        peerChallenge.CopyTo(response.AsSpan(2));
        ntResponse.CopyTo(response, 26);
        return
        [
            new DiameterAvp(TtlsAvpCode.MsChapChallenge, challenge, DiameterAvp.MicrosoftVendorId),
            new DiameterAvp(TtlsAvpCode.MsChap2Response, response, DiameterAvp.MicrosoftVendorId),
        ];
    }

    /// <summary>MS-CHAP2-Success: Ident | "S=" and the authenticator response in upper-case hex.</summary>
    public static DiameterAvp MsChapV2Success(byte ident, ReadOnlySpan<byte> authenticatorResponse) =>
        new(TtlsAvpCode.MsChap2Success, [ident, .. Encoding.ASCII.GetBytes("S=" + Convert.ToHexString(authenticatorResponse))], DiameterAvp.MicrosoftVendorId);

    /// <summary>The Peer-Challenge inside an MS-CHAP2-Response, for the server's recomputation.</summary>
    public static ReadOnlySpan<byte> PeerChallengeOf(ReadOnlySpan<byte> msChap2Response) => msChap2Response.Slice(2, MsChapV2Crypto.ChallengeLength);

    public static bool IsWellFormedResponse(byte[]? response) => response is { Length: ResponseLength };
}
