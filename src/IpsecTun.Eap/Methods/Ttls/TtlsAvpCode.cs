namespace IpsecTun.Eap.Methods.Ttls;

/// <summary>
/// The AVP codes EAP-TTLS uses: RADIUS attribute numbers (RFC 2865, RFC 3579) and, under vendor 311,
/// Microsoft's (RFC 2548), which reuse the same numbers within their own vendor space.
/// </summary>
internal static class TtlsAvpCode
{
    public const uint UserName = 1;
    public const uint UserPassword = 2;
    public const uint ChapPassword = 3;
    public const uint ChapChallenge = 60;
    public const uint EapMessage = 79;

    public const uint MsChapResponse = 1;
    public const uint MsChapError = 2;
    public const uint MsChapChallenge = 11;
    public const uint MsChap2Response = 25;
    public const uint MsChap2Success = 26;
}
