namespace IpsecTun.Ike.Settings;

/// <summary>How one side proves its identity in IKE_AUTH (the identity's auth-method).</summary>
public enum IkeAuthMethod
{
    /// <summary>The shared-key AUTH of RFC 7296 §2.15 with <see cref="IkeSaSettings.PreSharedKey"/>.</summary>
    PreSharedKey,

    /// <summary>
    /// A signature with the private key of <see cref="IkeSaSettings.Certificate"/>: RFC 7427 when the peer
    /// announced SIGNATURE_HASH_ALGORITHMS, otherwise the classic RSA (1) or ECDSA (9, 10, 11) methods.
    /// </summary>
    DigitalSignature,
}
