namespace IpsecTun.Config;

/// <summary>
/// An identity's auth-method. RouterOS's pre-shared-key-xauth, rsa-key and rsa-signature-hybrid are
/// IKEv1 methods, which loading rejects.
/// </summary>
public enum AuthMethod
{
    PreSharedKey,

    /// <summary>Certificates (RouterOS names it digital-signature whatever the key type).</summary>
    DigitalSignature,

    /// <summary>EAP as initiator, with the identity's eap-methods.</summary>
    Eap,

    /// <summary>EAP as responder, passed through to a RADIUS server (RFC 3579).</summary>
    EapRadius,
}
