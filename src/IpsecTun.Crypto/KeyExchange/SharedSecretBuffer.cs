namespace IpsecTun.Crypto;

/// <summary>The caller's side of <see cref="KeyExchange.TryComputeSharedSecret"/>: a wrong buffer is a programming error, not bad input.</summary>
internal static class SharedSecretBuffer
{
    public static void CheckLength(KeyExchangeGroup group, Span<byte> sharedSecret)
    {
        if (sharedSecret.Length != group.SharedSecretSize)
        {
            throw new ArgumentException($"{group.Name} writes a {group.SharedSecretSize}-byte shared secret, not {sharedSecret.Length}.", nameof(sharedSecret));
        }
    }
}
