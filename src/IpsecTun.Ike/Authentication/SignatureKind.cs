namespace IpsecTun.Ike.Authentication;

/// <summary>The signature primitive of an AUTH payload.</summary>
internal enum SignatureKind
{
    /// <summary>RSASSA-PKCS1-v1_5 (RFC 8017 §8.2).</summary>
    RsaPkcs1,

    /// <summary>RSASSA-PSS with MGF1 over the same hash and a salt as long as the hash (RFC 4055, RFC 7427 A.4.3).</summary>
    RsaPss,

    /// <summary>ECDSA; DER under RFC 7427, r | s under the classic methods of RFC 4754.</summary>
    Ecdsa,
}
