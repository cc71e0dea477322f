namespace IpsecTun.Ike.Messages;

/// <summary>IANA "IKEv2 Authentication Method" (RFC 7296 §3.8, RFC 4754, RFC 6467, RFC 7619, RFC 7427).</summary>
public enum AuthMethod : byte
{
    RsaDigitalSignature = 1,
    SharedKeyMessageIntegrityCode = 2,
    DssDigitalSignature = 3,
    EcdsaSha256P256 = 9,
    EcdsaSha384P384 = 10,
    EcdsaSha512P521 = 11,
    GenericSecurePassword = 12,
    Null = 13,
    DigitalSignature = 14,
}
