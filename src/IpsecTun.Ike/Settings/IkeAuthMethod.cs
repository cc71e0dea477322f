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

    /// <summary>
    /// EAP inside IKE_AUTH (RFC 7296 §2.16). For the initiator: it authenticates with <see cref="IkeSaSettings.EapClient"/>
    /// and the final AUTH is keyed by the MSK. As a responder's own method: it has no certificate and authenticates
    /// only through the EAP method (EAP-only, RFC 5998). As the expected remote method of a responder: the initiator
    /// must run EAP with <see cref="IkeSaSettings.EapAuthenticator"/>.
    /// </summary>
    Eap,
}
