namespace IpsecTun.Crypto;

/// <summary>ENCR_NULL (RFC 2410): the payload goes out as it is, still framed and integrity-protected by ESP.</summary>
internal sealed class NullCipher(EncryptionAlgorithm algorithm) : NonAeadCipher(algorithm)
{
    protected override void EncryptCore(ReadOnlySpan<byte> iv, Span<byte> data)
    {
    }

    protected override bool DecryptCore(ReadOnlySpan<byte> iv, Span<byte> data) => true;

    protected override void Dispose(bool disposing)
    {
    }
}
