namespace IpsecTun.Crypto;

/// <summary>ENCR_NULL (RFC 2410): no key, no IV, no Key Length attribute.</summary>
internal sealed class NullAlgorithm : EncryptionAlgorithm
{
    public NullAlgorithm()
        : base(EncryptionTransformId.Null, "null", keySize: 0, saltSize: 0, ivSize: 0, blockSize: 1, icvSize: 0, negotiatesKeyLength: false)
    {
    }

    private protected override PacketCipher CreateManagedCipher(ReadOnlySpan<byte> keyMaterial) => new NullCipher(this);
}
