namespace IpsecTun.Crypto;

/// <summary>
/// A keyed cipher that encrypts and decrypts one packet at a time, in place. The per-packet methods
/// neither throw on bad input from the network nor allocate. An instance is used by one thread at a
/// time; a datapath with several workers creates one per worker from the same keying material.
/// </summary>
public abstract class PacketCipher : IDisposable
{
    protected PacketCipher(EncryptionAlgorithm algorithm) => Algorithm = algorithm;

    public EncryptionAlgorithm Algorithm { get; }

    /// <summary>
    /// Encrypts <paramref name="data"/> in place. <paramref name="iv"/> is the explicit per-packet IV
    /// (<see cref="EncryptionAlgorithm.IvSize"/> bytes). For an AEAD, <paramref name="associatedData"/> is
    /// authenticated and the tag is written to <paramref name="icv"/>; otherwise both must be empty and
    /// <paramref name="data"/> a multiple of the block size.
    /// </summary>
    public abstract void Encrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> associatedData, Span<byte> data, Span<byte> icv);

    /// <summary>
    /// Decrypts <paramref name="data"/> in place. Returns false, leaving <paramref name="data"/> unspecified,
    /// when an AEAD tag does not verify or the length does not fit the cipher.
    /// </summary>
    public abstract bool TryDecrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> associatedData, Span<byte> data, ReadOnlySpan<byte> icv);

    /// <summary>True once disposed: the key is gone, so <see cref="Encrypt"/> throws and <see cref="TryDecrypt"/> returns false.</summary>
    protected bool IsDisposed { get; private set; }

    public void Dispose()
    {
        if (IsDisposed)
        {
            return;
        }

        IsDisposed = true;
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases native state and zeroes the key schedule.</summary>
    protected abstract void Dispose(bool disposing);
}
