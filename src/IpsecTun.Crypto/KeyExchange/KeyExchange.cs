namespace IpsecTun.Crypto;

/// <summary>One side of one key exchange: a private key, its public value, and the shared secret with a peer.</summary>
public abstract class KeyExchange : IDisposable
{
    protected KeyExchange(KeyExchangeGroup group) => Group = group;

    public KeyExchangeGroup Group { get; }

    /// <summary>Our public value as it goes into a KE payload.</summary>
    public abstract ReadOnlySpan<byte> PublicValue { get; }

    /// <summary>
    /// Validates <paramref name="peerPublicValue"/> and writes the shared secret
    /// (<see cref="KeyExchangeGroup.SharedSecretSize"/> bytes). Never throws on a bad peer value.
    /// </summary>
    public abstract bool TryComputeSharedSecret(ReadOnlySpan<byte> peerPublicValue, Span<byte> sharedSecret, out KeyExchangeError failure);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Zeroes the private key.</summary>
    protected abstract void Dispose(bool disposing);
}
