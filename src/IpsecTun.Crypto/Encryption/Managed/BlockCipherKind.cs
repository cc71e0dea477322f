namespace IpsecTun.Crypto;

/// <summary>The block ciphers under the CBC, CTR and GCM transforms.</summary>
internal enum BlockCipherKind
{
    Des,
    TripleDes,
    Blowfish,
    Aes,
    Camellia,
    Twofish,
}
