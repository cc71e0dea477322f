namespace IpsecTun.Ike.Sa;

/// <summary>
/// The nonce order that settles simultaneous rekeys (RFC 7296 §2.8.1, §2.8.2): the exchange holding the
/// lowest of the four nonces created the redundant SA. Nonces compare as unsigned big-endian octet strings.
/// </summary>
internal static class LowestNonce
{
    public static byte[] Of(byte[] a, byte[] b) => Compare(a, b) <= 0 ? a : b;

    public static int Compare(byte[] a, byte[] b) => a.AsSpan().SequenceCompareTo(b);
}
