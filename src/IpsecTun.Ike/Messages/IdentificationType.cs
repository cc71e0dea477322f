namespace IpsecTun.Ike.Messages;

/// <summary>IANA "IKEv2 Identification Payload ID Types" (RFC 7296 §3.5, RFC 7619 for ID_NULL).</summary>
public enum IdentificationType : byte
{
    Ipv4Address = 1,
    Fqdn = 2,
    Rfc822Address = 3,
    Ipv6Address = 5,
    DerAsn1Dn = 9,
    DerAsn1Gn = 10,
    KeyId = 11,
    FcName = 12,
    Null = 13,
}
