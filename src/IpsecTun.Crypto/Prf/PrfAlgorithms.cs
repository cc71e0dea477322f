using System.Security.Cryptography;

namespace IpsecTun.Crypto;

/// <summary>Every PRF transform.</summary>
/// <remarks>
/// The HMAC PRFs take keys of any length and prefer their output size (RFC 7296 §2.13, RFC 4868 §2.1.2);
/// the AES-128 PRFs prefer 16-byte keys and turn others into one by their RFC's rule.
/// </remarks>
public static class PrfAlgorithms
{
    public static PrfAlgorithm HmacMd5 { get; } = Hmac(PrfTransformId.HmacMd5, "md5", HashAlgorithmName.MD5, 16);

    public static PrfAlgorithm HmacSha1 { get; } = Hmac(PrfTransformId.HmacSha1, "sha1", HashAlgorithmName.SHA1, 20);

    public static PrfAlgorithm Aes128Xcbc { get; } =
        new MacPrfAlgorithm(PrfTransformId.Aes128Xcbc, "aes-xcbc", AesCbcMac.BlockSize, AesCbcMac.BlockSize, AesPrfKeys.CreateXcbcPrf);

    public static PrfAlgorithm HmacSha2_256 { get; } = Hmac(PrfTransformId.HmacSha2_256, "sha256", HashAlgorithmName.SHA256, 32);

    public static PrfAlgorithm HmacSha2_384 { get; } = Hmac(PrfTransformId.HmacSha2_384, "sha384", HashAlgorithmName.SHA384, 48);

    public static PrfAlgorithm HmacSha2_512 { get; } = Hmac(PrfTransformId.HmacSha2_512, "sha512", HashAlgorithmName.SHA512, 64);

    public static PrfAlgorithm Aes128Cmac { get; } =
        new MacPrfAlgorithm(PrfTransformId.Aes128Cmac, "aes-cmac", AesCbcMac.BlockSize, AesCbcMac.BlockSize, AesPrfKeys.CreateCmacPrf);

    public static IReadOnlyList<PrfAlgorithm> All { get; } =
        [HmacMd5, HmacSha1, Aes128Xcbc, HmacSha2_256, HmacSha2_384, HmacSha2_512, Aes128Cmac];

    private static MacPrfAlgorithm Hmac(PrfTransformId id, string name, HashAlgorithmName hash, int digestSize) =>
        new(id, name, digestSize, digestSize, key => HmacBackends.Create(hash, digestSize, key));
}
