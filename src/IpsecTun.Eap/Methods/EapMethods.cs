using IpsecTun.Crypto;
using IpsecTun.Eap.Methods.Gtc;
using IpsecTun.Eap.Methods.Md5;
using IpsecTun.Eap.Methods.MsChapV2;
using IpsecTun.Eap.Methods.Peap;
using IpsecTun.Eap.Methods.Tls;
using IpsecTun.Eap.Methods.Ttls;
using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Methods;

/// <summary>The methods this implementation offers, as peer and as server.</summary>
public static class EapMethods
{
    public static bool IsSupported(EapType type) =>
        type is EapType.Md5Challenge or EapType.Gtc or EapType.MsChapV2 || IsTlsBased(type);

    /// <summary>EAP-TLS, EAP-TTLS and PEAP, which need <see cref="EapTlsSettings"/>.</summary>
    public static bool IsTlsBased(EapType type) => type is EapType.Tls or EapType.Ttls or EapType.Peap;

    /// <summary>Creates a peer method; <c>tls</c> is required for the TLS-based ones.</summary>
    public static EapPeerMethod CreatePeer(EapType type, EapCredentials credentials, RandomSource random, EapTlsSettings? tls = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(random);
        return type switch
        {
            EapType.Md5Challenge => new Md5PeerMethod(credentials),
            EapType.Gtc => new GtcPeerMethod(credentials),
            EapType.MsChapV2 => new MsChapV2PeerMethod(credentials, random),
            EapType.Tls => new EapTlsPeerMethod(RequireTls(tls)),
            EapType.Ttls => new TtlsPeerMethod(credentials, random, RequireTls(tls)),
            EapType.Peap => new PeapPeerMethod(credentials, random, RequireTls(tls)),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a supported EAP method."),
        };
    }

    /// <summary>
    /// Creates a server method: <c>credentials</c> are those of the identity the peer gave, <c>tls</c> is
    /// required for the TLS-based methods, and <c>users</c> finds the inner identity's password in EAP-TTLS and PEAP.
    /// </summary>
    public static EapServerMethod CreateServer(
        EapType type, EapCredentials credentials, RandomSource random, EapTlsSettings? tls = null, EapUserLookup? users = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(random);
        return type switch
        {
            EapType.Md5Challenge => new Md5ServerMethod(credentials, random),
            EapType.Gtc => new GtcServerMethod(credentials),
            EapType.MsChapV2 => new MsChapV2ServerMethod(credentials, random),
            EapType.Tls => new EapTlsServerMethod(RequireTls(tls)),
            EapType.Ttls => new TtlsServerMethod(RequireUsers(users), random, RequireTls(tls)),
            EapType.Peap => new PeapServerMethod(RequireUsers(users), random, RequireTls(tls)),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a supported EAP method."),
        };
    }

    /// <summary>Refuses settings a peer or server cannot run: a tunnel inside a tunnel.</summary>
    internal static void Validate(EapTlsSettings? tls)
    {
        if (tls is not null && tls.InnerEapMethods.Any(type => type is EapType.Ttls or EapType.Peap || !IsSupported(type)))
        {
            throw new ArgumentException("Inner EAP methods must be supported and must not be EAP-TTLS or PEAP.", nameof(tls));
        }
    }

    private static EapUserLookup RequireUsers(EapUserLookup? users) =>
        users ?? throw new ArgumentException("Tunnelled EAP methods need a user lookup for the inner identity.", nameof(users));

    private static EapTlsSettings RequireTls(EapTlsSettings? tls) =>
        tls ?? throw new ArgumentException("TLS-based EAP methods need EapTlsSettings.", nameof(tls));
}
