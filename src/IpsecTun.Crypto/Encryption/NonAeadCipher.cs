namespace IpsecTun.Crypto;

/// <summary>
/// The framing of the ciphers without integrity of their own: an explicit IV of the transform's size, no
/// associated data or ICV (a separate integrity transform covers the packet), and a payload that is a
/// whole number of blocks.
/// </summary>
internal abstract class NonAeadCipher : PacketCipher
{
    protected NonAeadCipher(EncryptionAlgorithm algorithm)
        : base(algorithm)
    {
    }

    public sealed override void Encrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> associatedData, Span<byte> data, Span<byte> icv)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (!Fits(iv, associatedData, data.Length, icv.Length))
        {
            throw new ArgumentException(
                $"{Algorithm.Name} takes a {Algorithm.IvSize}-byte IV, no associated data or ICV, and whole {Algorithm.BlockSize}-byte blocks.");
        }

        EncryptCore(iv, data);
    }

    public sealed override bool TryDecrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> associatedData, Span<byte> data, ReadOnlySpan<byte> icv) =>
        !IsDisposed && Fits(iv, associatedData, data.Length, icv.Length) && DecryptCore(iv, data);

    protected abstract void EncryptCore(ReadOnlySpan<byte> iv, Span<byte> data);

    /// <summary>Decrypts in place; false only if the implementation itself fails.</summary>
    protected abstract bool DecryptCore(ReadOnlySpan<byte> iv, Span<byte> data);

    private bool Fits(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> associatedData, int dataLength, int icvLength) =>
        iv.Length == Algorithm.IvSize && associatedData.IsEmpty && icvLength == 0 && dataLength % Algorithm.BlockSize == 0;
}
