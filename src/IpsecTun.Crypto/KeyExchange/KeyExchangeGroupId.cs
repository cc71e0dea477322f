namespace IpsecTun.Crypto;

/// <summary>IANA "Transform Type 4 - Key Exchange Method Transform IDs" (Diffie-Hellman groups).</summary>
public enum KeyExchangeGroupId : ushort
{
    None = 0,
    Modp768 = 1,
    Modp1024 = 2,
    Modp1536 = 5,
    Modp2048 = 14,
    Modp3072 = 15,
    Modp4096 = 16,
    Modp6144 = 17,
    Modp8192 = 18,
    Ecp256 = 19,
    Ecp384 = 20,
    Ecp521 = 21,
    Modp1024S160 = 22,
    Modp2048S224 = 23,
    Modp2048S256 = 24,
    Ecp224Bp = 27,
    Ecp256Bp = 28,
    Ecp384Bp = 29,
    Ecp512Bp = 30,
    Curve25519 = 31,
    Curve448 = 32,
}
