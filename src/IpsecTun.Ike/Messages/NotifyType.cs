namespace IpsecTun.Ike.Messages;

/// <summary>
/// IANA "IKEv2 Notify Message Types": error types below 16384, status types from 16384 (RFC 7296
/// §3.10.1 and the extensions named on each value). Values not listed here still parse; an unknown
/// error type in a response means the request failed, an unknown status type is ignored.
/// </summary>
public enum NotifyType : ushort
{
    UnsupportedCriticalPayload = 1,
    InvalidIkeSpi = 4,
    InvalidMajorVersion = 5,
    InvalidSyntax = 7,
    InvalidMessageId = 9,
    InvalidSpi = 11,
    NoProposalChosen = 14,
    InvalidKePayload = 17,
    AuthenticationFailed = 24,
    SinglePairRequired = 34,
    NoAdditionalSas = 35,
    InternalAddressFailure = 36,
    FailedCpRequired = 37,
    TsUnacceptable = 38,
    InvalidSelectors = 39,

    /// <summary>RFC 4555 (MOBIKE).</summary>
    UnacceptableAddresses = 40,

    /// <summary>RFC 4555 (MOBIKE).</summary>
    UnexpectedNatDetected = 41,

    /// <summary>RFC 5026.</summary>
    UseAssignedHoA = 42,
    TemporaryFailure = 43,
    ChildSaNotFound = 44,

    /// <summary>G-IKEv2.</summary>
    InvalidGroupId = 45,

    /// <summary>G-IKEv2.</summary>
    AuthorizationFailed = 46,

    /// <summary>RFC 9370.</summary>
    StateNotFound = 47,

    /// <summary>RFC 9611.</summary>
    TsMaxQueue = 48,

    InitialContact = 16384,
    SetWindowSize = 16385,
    AdditionalTsPossible = 16386,
    IpcompSupported = 16387,
    NatDetectionSourceIp = 16388,
    NatDetectionDestinationIp = 16389,
    Cookie = 16390,
    UseTransportMode = 16391,
    HttpCertLookupSupported = 16392,
    RekeySa = 16393,
    EspTfcPaddingNotSupported = 16394,
    NonFirstFragmentsAlso = 16395,

    /// <summary>RFC 4555 (MOBIKE).</summary>
    MobikeSupported = 16396,
    AdditionalIp4Address = 16397,
    AdditionalIp6Address = 16398,
    NoAdditionalAddresses = 16399,
    UpdateSaAddresses = 16400,
    Cookie2 = 16401,
    NoNatsAllowed = 16402,

    /// <summary>RFC 4478.</summary>
    AuthLifetime = 16403,

    /// <summary>RFC 4739.</summary>
    MultipleAuthSupported = 16404,
    AnotherAuthFollows = 16405,

    /// <summary>RFC 5685.</summary>
    RedirectSupported = 16406,
    Redirect = 16407,
    RedirectedFrom = 16408,

    /// <summary>RFC 5723.</summary>
    TicketLtOpaque = 16409,
    TicketRequest = 16410,
    TicketAck = 16411,
    TicketNack = 16412,
    TicketOpaque = 16413,

    /// <summary>RFC 5739.</summary>
    LinkId = 16414,

    /// <summary>RFC 5840.</summary>
    UseWespMode = 16415,

    /// <summary>RFC 5857.</summary>
    RohcSupported = 16416,

    /// <summary>RFC 5998.</summary>
    EapOnlyAuthentication = 16417,

    /// <summary>RFC 6023.</summary>
    ChildlessIkev2Supported = 16418,

    /// <summary>RFC 6290.</summary>
    QuickCrashDetection = 16419,

    /// <summary>RFC 6311.</summary>
    Ikev2MessageIdSyncSupported = 16420,
    IpsecReplayCounterSyncSupported = 16421,
    Ikev2MessageIdSync = 16422,
    IpsecReplayCounterSync = 16423,

    /// <summary>RFC 6467.</summary>
    SecurePasswordMethods = 16424,

    /// <summary>RFC 6631.</summary>
    PskPersist = 16425,
    PskConfirm = 16426,

    /// <summary>RFC 6867.</summary>
    ErxSupported = 16427,

    /// <summary>3GPP TS 24.303.</summary>
    IfomCapability = 16428,

    /// <summary>G-IKEv2.</summary>
    SenderRequestId = 16429,

    /// <summary>RFC 7383.</summary>
    Ikev2FragmentationSupported = 16430,

    /// <summary>RFC 7427.</summary>
    SignatureHashAlgorithms = 16431,

    /// <summary>RFC 7791.</summary>
    CloneIkeSaSupported = 16432,
    CloneIkeSa = 16433,

    /// <summary>RFC 8019.</summary>
    Puzzle = 16434,

    /// <summary>RFC 8784.</summary>
    UsePpk = 16435,
    PpkIdentity = 16436,
    NoPpkAuth = 16437,

    /// <summary>RFC 9242.</summary>
    IntermediateExchangeSupported = 16438,

    /// <summary>RFC 8983.</summary>
    Ip4Allowed = 16439,
    Ip6Allowed = 16440,

    /// <summary>RFC 9370.</summary>
    AdditionalKeyExchange = 16441,

    /// <summary>RFC 9347.</summary>
    UseAggfrag = 16442,

    /// <summary>RFC 9593.</summary>
    SupportedAuthMethods = 16443,

    /// <summary>RFC 9611.</summary>
    SaResourceInfo = 16444,
}
