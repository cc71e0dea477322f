using System.Security.Cryptography;

namespace IpsecTun.Crypto;

/// <summary>
/// The framing every ESP AEAD shares (RFC 4106, 4309, 7634): the nonce is the salt taken from the keying
/// material followed by the packet's 8-byte explicit IV. Subclasses seal and open with that nonce.
/// </summary>
internal abstract class AeadCipher : PacketCipher
{
    private readonly byte[] salt;

    protected AeadCipher(EncryptionAlgorithm algorithm, ReadOnlySpan<byte> keyMaterial)
        : base(algorithm) => salt = keyMaterial[algorithm.KeySize..].ToArray();

    protected int NonceSize => salt.Length + Algorithm.IvSize;

    public sealed override void Encrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> associatedData, Span<byte> data, Span<byte> icv)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (iv.Length != Algorithm.IvSize || icv.Length != Algorithm.IcvSize)
        {
            throw new ArgumentException($"{Algorithm.Name} takes a {Algorithm.IvSize}-byte IV and a {Algorithm.IcvSize}-byte ICV.");
        }

        Span<byte> nonce = stackalloc byte[NonceSize];
        FormNonce(iv, nonce);
        Seal(nonce, associatedData, data, icv);
    }

    public sealed override bool TryDecrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> associatedData, Span<byte> data, ReadOnlySpan<byte> icv)
    {
        if (IsDisposed || iv.Length != Algorithm.IvSize || icv.Length != Algorithm.IcvSize)
        {
            return false;
        }

        Span<byte> nonce = stackalloc byte[NonceSize];
        FormNonce(iv, nonce);
        return Open(nonce, associatedData, data, icv);
    }

    /// <summary>Encrypts <paramref name="data"/> in place and writes the ICV.</summary>
    protected abstract void Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, Span<byte> data, Span<byte> icv);

    /// <summary>Verifies the ICV and decrypts <paramref name="data"/> in place; false when it does not verify.</summary>
    protected abstract bool Open(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, Span<byte> data, ReadOnlySpan<byte> icv);

    protected override void Dispose(bool disposing) => CryptographicOperations.ZeroMemory(salt);

    private void FormNonce(ReadOnlySpan<byte> iv, Span<byte> nonce)
    {
        salt.CopyTo(nonce);
        iv.CopyTo(nonce[salt.Length..]);
    }
}
