namespace IpsecTun.Ike.Messages;

/// <summary>IANA "IKEv2 Payload Types" (RFC 7296 §3.2, RFC 7383 for SKF).</summary>
public enum PayloadType : byte
{
    None = 0,
    SecurityAssociation = 33,
    KeyExchange = 34,
    IdInitiator = 35,
    IdResponder = 36,
    Certificate = 37,
    CertificateRequest = 38,
    Authentication = 39,
    Nonce = 40,
    Notify = 41,
    Delete = 42,
    VendorId = 43,
    TrafficSelectorInitiator = 44,
    TrafficSelectorResponder = 45,
    Encrypted = 46,
    Configuration = 47,
    Eap = 48,
    GenericSecurePasswordMethods = 49,
    GroupIdentification = 50,
    GroupSecurityAssociation = 51,
    KeyDownload = 52,
    EncryptedFragment = 53,
    PuzzleSolution = 54,
}
