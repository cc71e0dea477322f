namespace IpsecTun.Crypto;

/// <summary>The transforms without integrity of their own: NULL, DES, 3DES, Blowfish, AES-CBC/CTR, Camellia-CBC/CTR, Twofish-CBC.</summary>
public static class BlockCipherAlgorithms
{
    private static readonly int[] KeySizes = [16, 24, 32];

    public static IReadOnlyList<EncryptionAlgorithm> All { get; } =
    [
        new NullAlgorithm(),
        new CbcAlgorithm(EncryptionTransformId.Des, "des", BlockCipherKind.Des, keySize: 8, negotiatesKeyLength: false),
        new CbcAlgorithm(EncryptionTransformId.TripleDes, "3des", BlockCipherKind.TripleDes, keySize: 24, negotiatesKeyLength: false),

        // RFC 2451: Blowfish's key length is negotiated, 128 bits by default.
        new CbcAlgorithm(EncryptionTransformId.Blowfish, "blowfish", BlockCipherKind.Blowfish, keySize: 16, negotiatesKeyLength: true),
        .. KeySizes.Select(key => new CbcAlgorithm(
            EncryptionTransformId.AesCbc, $"aes-{key * 8}-cbc", BlockCipherKind.Aes, key, negotiatesKeyLength: true, profileName: $"aes-{key * 8}")),
        .. KeySizes.Select(key => new CtrAlgorithm(EncryptionTransformId.AesCtr, $"aes-{key * 8}-ctr", BlockCipherKind.Aes, key)),
        .. KeySizes.Select(key => new CbcAlgorithm(
            EncryptionTransformId.CamelliaCbc, $"camellia-{key * 8}", BlockCipherKind.Camellia, key, negotiatesKeyLength: true)),
        .. KeySizes.Select(key => new CtrAlgorithm(EncryptionTransformId.CamelliaCtr, $"camellia-{key * 8}-ctr", BlockCipherKind.Camellia, key)),

        // RouterOS's "twofish" is the 256-bit key.
        .. KeySizes.Select(key => new CbcAlgorithm(
            EncryptionTransformId.TwofishCbc, key == 32 ? "twofish" : $"twofish-{key * 8}", BlockCipherKind.Twofish, key, negotiatesKeyLength: true)),
    ];
}
