namespace IpsecTun.Crypto;

/// <summary>IANA "Transform Type 2 - Pseudorandom Function Transform IDs".</summary>
public enum PrfTransformId : ushort
{
    HmacMd5 = 1,
    HmacSha1 = 2,
    Aes128Xcbc = 4,
    HmacSha2_256 = 5,
    HmacSha2_384 = 6,
    HmacSha2_512 = 7,
    Aes128Cmac = 8,
}
