namespace IpsecTun.Ike.Settings;

/// <summary>Whether a Child SA proposal offers or accepts extended (64-bit) sequence numbers (RFC 7296 §3.3.2, transform type 5).</summary>
public enum EsnPolicy
{
    /// <summary>32-bit sequence numbers only.</summary>
    Never,

    /// <summary>Extended sequence numbers only.</summary>
    Required,

    /// <summary>Either; as initiator extended sequence numbers are offered first.</summary>
    Allowed,
}
