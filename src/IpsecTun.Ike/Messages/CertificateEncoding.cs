namespace IpsecTun.Ike.Messages;

/// <summary>IANA "IKEv2 Certificate Encodings" (RFC 7296 §3.6, RFC 4806, RFC 7670).</summary>
public enum CertificateEncoding : byte
{
    Pkcs7WrappedX509 = 1,
    Pgp = 2,
    DnsSignedKey = 3,
    X509Signature = 4,
    KerberosToken = 6,
    CertificateRevocationList = 7,
    AuthorityRevocationList = 8,
    Spki = 9,
    X509Attribute = 10,
    RawRsaKey = 11,
    HashAndUrlX509 = 12,
    HashAndUrlX509Bundle = 13,
    OcspContent = 14,
    RawPublicKey = 15,
}
