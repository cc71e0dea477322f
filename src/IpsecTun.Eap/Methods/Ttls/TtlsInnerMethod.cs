namespace IpsecTun.Eap.Methods.Ttls;

/// <summary>How EAP-TTLS authenticates the user inside the tunnel (RFC 5281 §11.2).</summary>
public enum TtlsInnerMethod
{
    Pap,
    Chap,
    MsChap,
    MsChapV2,

    /// <summary>EAP inside the tunnel, with one of <see cref="EapTlsSettings.InnerEapMethods"/>.</summary>
    Eap,
}
