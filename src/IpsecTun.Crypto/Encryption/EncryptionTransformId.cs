namespace IpsecTun.Crypto;

/// <summary>IANA "Transform Type 1 - Encryption Algorithm Transform IDs", plus the private-use ids this project speaks.</summary>
public enum EncryptionTransformId : ushort
{
    Des = 2,
    TripleDes = 3,
    Blowfish = 7,
    Null = 11,
    AesCbc = 12,
    AesCtr = 13,
    AesCcm8 = 14,
    AesCcm12 = 15,
    AesCcm16 = 16,
    AesGcm8 = 18,
    AesGcm12 = 19,
    AesGcm16 = 20,
    CamelliaCbc = 23,
    CamelliaCtr = 24,
    ChaCha20Poly1305 = 28,

    /// <summary>Twofish-CBC on the private-use id of strongSwan's gcrypt plugin.</summary>
    TwofishCbc = 1027,
}
