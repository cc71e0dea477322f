using IpsecTun.Crypto;
using IpsecTun.Eap.Methods.Gtc;
using IpsecTun.Eap.Methods.Md5;
using IpsecTun.Eap.Methods.MsChapV2;
using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Methods;

/// <summary>The password-based methods this implementation offers, as peer and as server.</summary>
public static class EapMethods
{
    public static bool IsSupported(EapType type) => type is EapType.Md5Challenge or EapType.Gtc or EapType.MsChapV2;

    public static EapPeerMethod CreatePeer(EapType type, EapCredentials credentials, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(random);
        return type switch
        {
            EapType.Md5Challenge => new Md5PeerMethod(credentials),
            EapType.Gtc => new GtcPeerMethod(credentials),
            EapType.MsChapV2 => new MsChapV2PeerMethod(credentials, random),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a supported EAP method."),
        };
    }

    public static EapServerMethod CreateServer(EapType type, EapCredentials credentials, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(random);
        return type switch
        {
            EapType.Md5Challenge => new Md5ServerMethod(credentials, random),
            EapType.Gtc => new GtcServerMethod(credentials),
            EapType.MsChapV2 => new MsChapV2ServerMethod(credentials, random),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a supported EAP method."),
        };
    }
}
