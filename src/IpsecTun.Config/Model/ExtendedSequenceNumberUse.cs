namespace IpsecTun.Config;

/// <summary>
/// The <c>ipsectun</c> section's extended-sequence-numbers: whether Child SAs use 64-bit sequence numbers
/// (RFC 4303 §2.2.1), negotiated as IKEv2 transform type 5 (RFC 7296 §3.3.2).
/// </summary>
public enum ExtendedSequenceNumberUse
{
    /// <summary>32-bit sequence numbers only: what RouterOS's manual and strongSwan's libipsec offer.</summary>
    No,

    /// <summary>Extended sequence numbers only; a peer without them gets no proposal chosen.</summary>
    Yes,

    /// <summary>Either: offered with extended sequence numbers first, and either accepted from an initiator.</summary>
    Allowed,
}
