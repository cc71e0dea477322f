namespace IpsecTun.Crypto;

/// <summary>CBC on libcrypto without padding (ESP pads by itself), one keyed context per direction.</summary>
internal sealed class LibCryptoCbcCipher : NonAeadCipher
{
    private readonly EvpCipherContext encryptor;
    private readonly EvpCipherContext decryptor;

    public LibCryptoCbcCipher(EncryptionAlgorithm algorithm, nint cipher, ReadOnlySpan<byte> keyMaterial)
        : base(algorithm)
    {
        encryptor = EvpCipherContext.Create(cipher, keyMaterial, encrypt: true);
        decryptor = EvpCipherContext.Create(cipher, keyMaterial, encrypt: false);
    }

    protected override void EncryptCore(ReadOnlySpan<byte> iv, Span<byte> data)
    {
        EvpCipherContext.Check(encryptor.SetIv(iv) && encryptor.Update(data));
    }

    protected override bool DecryptCore(ReadOnlySpan<byte> iv, Span<byte> data) => decryptor.SetIv(iv) && decryptor.Update(data);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            encryptor.Dispose();
            decryptor.Dispose();
        }
    }
}
