namespace IpsecTun.Crypto;

/// <summary>Why a peer's key exchange public value was refused; IKE answers these with INVALID_SYNTAX (RFC 6989).</summary>
public enum KeyExchangeError
{
    None,

    /// <summary>The public value does not have the group's fixed length.</summary>
    InvalidLength,

    /// <summary>Out of range (MODP: not 1 &lt; y &lt; p-1, or not in the prime-order subgroup) or not a point on the curve.</summary>
    InvalidPublicValue,

    /// <summary>The shared secret is the identity or all zero (X25519/X448 low-order points).</summary>
    DegenerateSharedSecret,
}
