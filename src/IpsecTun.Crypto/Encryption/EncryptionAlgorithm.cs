using System.Diagnostics;

namespace IpsecTun.Crypto;

/// <summary>
/// One encryption transform at one key length: what IKE negotiates (id and key-length attribute) and
/// what ESP and the SK payload need to frame a packet (IV, block and ICV sizes).
/// </summary>
public abstract class EncryptionAlgorithm
{
    protected EncryptionAlgorithm(
        EncryptionTransformId id, string name, int keySize, int saltSize, int ivSize, int blockSize, int icvSize,
        bool negotiatesKeyLength, string? profileName = null)
    {
        Id = id;
        Name = name;
        KeySize = keySize;
        SaltSize = saltSize;
        IvSize = ivSize;
        BlockSize = blockSize;
        IcvSize = icvSize;
        NegotiatesKeyLength = negotiatesKeyLength;
        ProfileName = profileName;
    }

    public EncryptionTransformId Id { get; }

    /// <summary>The name used in a proposal's enc-algorithms (for example <c>aes-128-cbc</c>).</summary>
    public string Name { get; }

    /// <summary>The name used in a profile's enc-algorithm where it differs from <see cref="Name"/> (<c>aes-128</c>).</summary>
    public string? ProfileName { get; }

    /// <summary>Cipher key size in bytes, without salt.</summary>
    public int KeySize { get; }

    /// <summary>Key-length attribute value in bits (RFC 7296 §3.3.5).</summary>
    public int KeyLengthBits => KeySize * 8;

    /// <summary>True when the transform carries a Key Length attribute on the wire.</summary>
    public bool NegotiatesKeyLength { get; }

    /// <summary>Bytes of keying material taken after the key: the salt or nonce of CTR, GCM, CCM and ChaCha20-Poly1305.</summary>
    public int SaltSize { get; }

    /// <summary>Bytes of keying material this transform takes from KEYMAT or SK_e.</summary>
    public int KeyMaterialSize => KeySize + SaltSize;

    /// <summary>Size of the explicit IV carried in each packet.</summary>
    public int IvSize { get; }

    /// <summary>The payload length must be a multiple of this (1 for stream modes; ESP still pads to 4).</summary>
    public int BlockSize { get; }

    /// <summary>Integrity check value size of an AEAD; 0 for a cipher that needs a separate integrity transform.</summary>
    public int IcvSize { get; }

    public bool IsAead => IcvSize > 0;

    /// <summary>Creates a keyed cipher. <paramref name="keyMaterial"/> is key then salt, <see cref="KeyMaterialSize"/> bytes.</summary>
    /// <remarks>
    /// The cipher runs on OpenSSL's libcrypto where it loads and offers this transform, and on .NET and
    /// BouncyCastle otherwise; both give the same bytes.
    /// </remarks>
    public PacketCipher CreateCipher(ReadOnlySpan<byte> keyMaterial) => CreateCipher(keyMaterial, CipherBackend.Auto);

    /// <summary>Creates a keyed cipher on a chosen backend, so that tests and benchmarks can compare them.</summary>
    internal PacketCipher CreateCipher(ReadOnlySpan<byte> keyMaterial, CipherBackend backend)
    {
        if (keyMaterial.Length != KeyMaterialSize)
        {
            throw new ArgumentException($"{Name} takes {KeyMaterialSize} bytes of keying material, not {keyMaterial.Length}.", nameof(keyMaterial));
        }

        if (backend == CipherBackend.Managed || !TryGetLibCryptoCipher(out var cipher))
        {
            return backend == CipherBackend.LibCrypto
                ? throw new NotSupportedException($"libcrypto is not available or does not offer {Name}.")
                : CreateManagedCipher(keyMaterial);
        }

        return CreateLibCryptoCipher(cipher, keyMaterial);
    }

    /// <summary>True when libcrypto is loaded and offers this transform.</summary>
    internal bool HasLibCryptoCipher => TryGetLibCryptoCipher(out _);

    /// <summary>The algorithm name libcrypto fetches this transform under, or null where libcrypto has none.</summary>
    private protected virtual string? LibCryptoName => null;

    private protected abstract PacketCipher CreateManagedCipher(ReadOnlySpan<byte> keyMaterial);

    private protected virtual PacketCipher CreateLibCryptoCipher(nint cipher, ReadOnlySpan<byte> keyMaterial) =>
        throw new UnreachableException($"{Name} has no libcrypto cipher.");

    private bool TryGetLibCryptoCipher(out nint cipher)
    {
        cipher = 0;
        return LibCryptoName is { } name && LibCryptoCiphers.TryFetch(name, out cipher);
    }

    public override string ToString() => Name;
}
