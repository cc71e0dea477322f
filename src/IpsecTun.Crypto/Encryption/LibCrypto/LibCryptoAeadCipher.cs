namespace IpsecTun.Crypto;

/// <summary>
/// AES-GCM, AES-CCM and ChaCha20-Poly1305 on libcrypto. GCM and ChaCha20-Poly1305 take a 12-byte nonce
/// and any tag length up to 16 bytes (GCM's 8 and 12-byte ICVs are the leading bytes of its tag). CCM
/// (RFC 4309) takes an 11-byte nonce and a tag length fixed when keyed, must be told the payload length
/// before the associated data, and checks its tag while decrypting rather than in final.
/// </summary>
internal sealed unsafe class LibCryptoAeadCipher : AeadCipher
{
    private readonly EvpCipherContext encryptor;
    private readonly EvpCipherContext decryptor;
    private readonly bool isCcm;

    public LibCryptoAeadCipher(EncryptionAlgorithm algorithm, nint cipher, ReadOnlySpan<byte> keyMaterial, bool isCcm)
        : base(algorithm, keyMaterial)
    {
        this.isCcm = isCcm;
        var key = keyMaterial[..algorithm.KeySize];
        int nonceSize = NonceSize;
        int tagSize = algorithm.IcvSize;
        void ConfigureCcm(EvpCipherContext context) =>
            EvpCipherContext.Check(
                context.Control(LibCrypto.CtrlAeadSetIvLength, nonceSize, null)
                && context.Control(LibCrypto.CtrlAeadSetTag, tagSize, null));
        encryptor = EvpCipherContext.Create(cipher, key, encrypt: true, isCcm ? ConfigureCcm : null);
        decryptor = EvpCipherContext.Create(cipher, key, encrypt: false, isCcm ? ConfigureCcm : null);
    }

    protected override void Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, Span<byte> data, Span<byte> icv)
    {
        fixed (byte* tag = icv)
        {
            EvpCipherContext.Check(
                encryptor.SetIv(nonce) && AnnounceLength(encryptor, data.Length) && encryptor.UpdateAad(associatedData)
                && encryptor.Update(data) && encryptor.Final() && encryptor.Control(LibCrypto.CtrlAeadGetTag, icv.Length, tag));
        }
    }

    protected override bool Open(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, Span<byte> data, ReadOnlySpan<byte> icv)
    {
        fixed (byte* tag = icv)
        {
            return decryptor.SetIv(nonce) && decryptor.Control(LibCrypto.CtrlAeadSetTag, icv.Length, tag)
                && AnnounceLength(decryptor, data.Length) && decryptor.UpdateAad(associatedData)
                && decryptor.Update(data) && decryptor.Final();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            encryptor.Dispose();
            decryptor.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool AnnounceLength(EvpCipherContext context, int length) => !isCcm || context.SetMessageLength(length);
}
