using IpsecTun.Crypto;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Tests.TwoPeer;

/// <summary>Proposal settings used by the two-peer tests.</summary>
internal static class Suites
{
    public static EncryptionAlgorithm Aes128Gcm => Encryption(EncryptionTransformId.AesGcm16, 128);

    public static EncryptionAlgorithm Aes256Cbc => Encryption(EncryptionTransformId.AesCbc, 256);

    public static EncryptionAlgorithm Aes128Cbc => Encryption(EncryptionTransformId.AesCbc, 128);

    public static KeyExchangeGroup Ecp256 => Group(KeyExchangeGroupId.Ecp256);

    public static KeyExchangeGroup Modp2048 => Group(KeyExchangeGroupId.Modp2048);

    public static IkeProposalSettings GcmEcp256 => new([Aes128Gcm], [PrfAlgorithms.HmacSha2_256], [], [Ecp256]);

    public static IkeProposalSettings CbcSha256Modp2048 => new([Aes256Cbc], [PrfAlgorithms.HmacSha2_256], [IntegrityAlgorithms.HmacSha2_256_128], [Modp2048]);

    public static ChildProposalSettings EspGcm => new([Aes128Gcm], []);

    public static ChildProposalSettings EspCbcSha256 => new([Aes256Cbc], [IntegrityAlgorithms.HmacSha2_256_128]);

    private static EncryptionAlgorithm Encryption(EncryptionTransformId id, int bits) =>
        TransformRegistry.TryGetEncryption(id, bits, out EncryptionAlgorithm? a) ? a : throw new InvalidOperationException($"{id} {bits}");

    private static KeyExchangeGroup Group(KeyExchangeGroupId id) =>
        TransformRegistry.TryGetKeyExchange(id, out KeyExchangeGroup? g) ? g : throw new InvalidOperationException($"{id}");
}
