namespace IpsecTun.Crypto;

/// <summary>IKEv2 transform types (RFC 7296 §3.3.2).</summary>
public enum TransformType : byte
{
    Encryption = 1,
    PseudorandomFunction = 2,
    Integrity = 3,
    KeyExchange = 4,
    ExtendedSequenceNumbers = 5,
}
