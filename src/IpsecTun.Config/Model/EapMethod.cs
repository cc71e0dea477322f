namespace IpsecTun.Config;

/// <summary>
/// An EAP method an identity with auth-method=eap accepts, or that the built-in EAP server of an identity with
/// auth-method=eap-radius offers, in the order configured. eap-md5 and eap-gtc are ipsectun's additions for the
/// built-in server (RouterOS's User Manager offers them over RADIUS).
/// </summary>
public enum EapMethod
{
    EapMschapv2,
    EapPeap,
    EapTls,
    EapTtls,
    EapMd5,
    EapGtc,
}
