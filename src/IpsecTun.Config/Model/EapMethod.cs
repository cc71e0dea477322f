namespace IpsecTun.Config;

/// <summary>An EAP method an identity with auth-method=eap offers, in the order configured.</summary>
public enum EapMethod
{
    EapMschapv2,
    EapPeap,
    EapTls,
    EapTtls,
}
