using System.Diagnostics;
using System.Security.Cryptography;

namespace IpsecTun.Crypto;

/// <summary>
/// AES-GCM (12 and 16-byte ICVs) and ChaCha20-Poly1305 on .NET's own AEAD classes, for where libcrypto
/// is not available.
/// </summary>
internal sealed class DotNetAeadCipher : AeadCipher
{
    private readonly IDisposable aead;

    private DotNetAeadCipher(EncryptionAlgorithm algorithm, ReadOnlySpan<byte> keyMaterial, IDisposable aead)
        : base(algorithm, keyMaterial) => this.aead = aead;

    public static DotNetAeadCipher CreateGcm(EncryptionAlgorithm algorithm, ReadOnlySpan<byte> keyMaterial) =>
        new(algorithm, keyMaterial, new AesGcm(keyMaterial[..algorithm.KeySize], algorithm.IcvSize));

    public static DotNetAeadCipher CreateChaCha20Poly1305(EncryptionAlgorithm algorithm, ReadOnlySpan<byte> keyMaterial) =>
        new(algorithm, keyMaterial, new ChaCha20Poly1305(keyMaterial[..algorithm.KeySize]));

    protected override void Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, Span<byte> data, Span<byte> icv)
    {
        switch (aead)
        {
            case AesGcm gcm:
                gcm.Encrypt(nonce, data, data, icv, associatedData);
                break;
            case ChaCha20Poly1305 chacha:
                chacha.Encrypt(nonce, data, data, icv, associatedData);
                break;
            default:
                throw new UnreachableException();
        }
    }

    protected override bool Open(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, Span<byte> data, ReadOnlySpan<byte> icv)
    {
        // .NET reports a bad tag only by throwing; the exception stays inside this method.
        try
        {
            switch (aead)
            {
                case AesGcm gcm:
                    gcm.Decrypt(nonce, data, icv, data, associatedData);
                    break;
                case ChaCha20Poly1305 chacha:
                    chacha.Decrypt(nonce, data, icv, data, associatedData);
                    break;
                default:
                    throw new UnreachableException();
            }

            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            aead.Dispose();
        }

        base.Dispose(disposing);
    }
}
