namespace IpsecTun.Crypto;

/// <summary>ChaCha20-Poly1305 in ESP and IKEv2 (RFC 7634): 256-bit key, 4-byte salt, 8-byte IV, 16-byte ICV, no Key Length attribute.</summary>
internal sealed class ChaCha20Poly1305Algorithm : EncryptionAlgorithm
{
    public ChaCha20Poly1305Algorithm()
        : base(EncryptionTransformId.ChaCha20Poly1305, "chacha20poly1305", keySize: 32, saltSize: 4, ivSize: 8, blockSize: 1, icvSize: 16, negotiatesKeyLength: false)
    {
    }

    private protected override string LibCryptoName => "ChaCha20-Poly1305";

    private protected override PacketCipher CreateManagedCipher(ReadOnlySpan<byte> keyMaterial) =>
        DotNetAeadCipher.CreateChaCha20Poly1305(this, keyMaterial);

    private protected override PacketCipher CreateLibCryptoCipher(nint cipher, ReadOnlySpan<byte> keyMaterial) =>
        new LibCryptoAeadCipher(this, cipher, keyMaterial, isCcm: false);
}
