using System.Security.Cryptography;

namespace IpsecTun.Crypto;

/// <summary>Every integrity transform.</summary>
/// <remarks>
/// HMAC keys are as long as the hash output (RFC 2404, RFC 2403, RFC 4868 §2.1.1); the AES MACs take
/// AES-128 keys (RFC 3566, RFC 4494). ICVs are the truncations those RFCs fix.
/// </remarks>
public static class IntegrityAlgorithms
{
    public static IntegrityAlgorithm HmacMd5_96 { get; } = Hmac(IntegrityTransformId.HmacMd5_96, "md5", HashAlgorithmName.MD5, 16, 12);

    public static IntegrityAlgorithm HmacSha1_96 { get; } = Hmac(IntegrityTransformId.HmacSha1_96, "sha1", HashAlgorithmName.SHA1, 20, 12);

    public static IntegrityAlgorithm AesXcbc96 { get; } =
        new MacIntegrityAlgorithm(IntegrityTransformId.AesXcbc96, "aes-xcbc", AesCbcMac.BlockSize, 12, key => AesCbcMac.CreateXcbc(key));

    public static IntegrityAlgorithm AesCmac96 { get; } =
        new MacIntegrityAlgorithm(IntegrityTransformId.AesCmac96, "aes-cmac", AesCbcMac.BlockSize, 12, key => AesCbcMac.CreateCmac(key));

    public static IntegrityAlgorithm HmacSha2_256_128 { get; } =
        Hmac(IntegrityTransformId.HmacSha2_256_128, "sha256", HashAlgorithmName.SHA256, 32, 16);

    public static IntegrityAlgorithm HmacSha2_384_192 { get; } =
        Hmac(IntegrityTransformId.HmacSha2_384_192, "sha384", HashAlgorithmName.SHA384, 48, 24);

    public static IntegrityAlgorithm HmacSha2_512_256 { get; } =
        Hmac(IntegrityTransformId.HmacSha2_512_256, "sha512", HashAlgorithmName.SHA512, 64, 32);

    public static IReadOnlyList<IntegrityAlgorithm> All { get; } =
        [HmacMd5_96, HmacSha1_96, AesXcbc96, AesCmac96, HmacSha2_256_128, HmacSha2_384_192, HmacSha2_512_256];

    private static MacIntegrityAlgorithm Hmac(IntegrityTransformId id, string name, HashAlgorithmName hash, int digestSize, int icvSize) =>
        new(id, name, digestSize, icvSize, key => HmacBackends.Create(hash, digestSize, key));
}
