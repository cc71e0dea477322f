namespace IpsecTun.Ike.Messages;

/// <summary>IANA "IKEv2 Exchange Types" (RFC 7296 §3.1 and later additions).</summary>
public enum ExchangeType : byte
{
    IkeSaInit = 34,
    IkeAuth = 35,
    CreateChildSa = 36,
    Informational = 37,
    IkeSessionResume = 38,
    GsaAuth = 39,
    GsaRegistration = 40,
    GsaRekey = 41,
    IkeIntermediate = 43,
    IkeFollowupKe = 44,
}
