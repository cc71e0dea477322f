namespace IpsecTun.Crypto;

/// <summary>One side of one key exchange: a private key, its public value, and the shared secret with a peer.</summary>
public abstract class KeyExchange : IDisposable
{
    private bool _disposed;

    protected KeyExchange(KeyExchangeGroup group) => Group = group;

    public KeyExchangeGroup Group { get; }

    /// <summary>Our public value as it goes into a KE payload.</summary>
    public abstract ReadOnlySpan<byte> PublicValue { get; }

    /// <summary>
    /// Validates <paramref name="peerPublicValue"/> and writes the shared secret
    /// (<see cref="KeyExchangeGroup.SharedSecretSize"/> bytes). Never throws on a bad peer value; a wrong
    /// <paramref name="sharedSecret"/> buffer is the caller's error and throws.
    /// </summary>
    public bool TryComputeSharedSecret(ReadOnlySpan<byte> peerPublicValue, Span<byte> sharedSecret, out KeyExchangeError failure)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (sharedSecret.Length != Group.SharedSecretSize)
        {
            throw new ArgumentException($"{Group.Name} writes a {Group.SharedSecretSize}-byte shared secret, not {sharedSecret.Length}.", nameof(sharedSecret));
        }

        return TryComputeSharedSecretCore(peerPublicValue, sharedSecret, out failure);
    }

    /// <summary>The group's own validation and arithmetic; the buffer size and disposal are already checked.</summary>
    protected abstract bool TryComputeSharedSecretCore(ReadOnlySpan<byte> peerPublicValue, Span<byte> sharedSecret, out KeyExchangeError failure);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        Dispose(disposing: true);
        _disposed = true;
        GC.SuppressFinalize(this);
    }

    /// <summary>Zeroes the private key; called once.</summary>
    protected abstract void Dispose(bool disposing);
}
