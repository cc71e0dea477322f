namespace IpsecTun.Eap.Radius;

/// <summary>The RADIUS attribute types this client sends or reads (RFC 2865 §5, RFC 2866 §5, RFC 2869 §5, RFC 3579 §3, RFC 3162 §2).</summary>
public enum RadiusAttributeType : byte
{
    UserName = 1,
    NasIpAddress = 4,
    ServiceType = 6,
    FramedIpAddress = 8,
    ReplyMessage = 18,
    State = 24,
    Class = 25,
    VendorSpecific = 26,
    SessionTimeout = 27,
    CalledStationId = 30,
    CallingStationId = 31,
    NasIdentifier = 32,
    AcctStatusType = 40,
    AcctInputOctets = 42,
    AcctOutputOctets = 43,
    AcctSessionId = 44,
    AcctAuthentic = 45,
    AcctSessionTime = 46,
    AcctInputPackets = 47,
    AcctOutputPackets = 48,
    AcctTerminateCause = 49,
    AcctInputGigawords = 52,
    AcctOutputGigawords = 53,
    NasPortType = 61,
    EapMessage = 79,
    MessageAuthenticator = 80,
    NasIpv6Address = 95,
}
