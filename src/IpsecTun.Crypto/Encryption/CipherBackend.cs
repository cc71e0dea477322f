namespace IpsecTun.Crypto;

/// <summary>Which implementation a <see cref="PacketCipher"/> runs on.</summary>
internal enum CipherBackend
{
    /// <summary>libcrypto where it offers the transform, the managed implementation otherwise.</summary>
    Auto,

    /// <summary>OpenSSL 3's libcrypto, called directly.</summary>
    LibCrypto,

    /// <summary>.NET's AEAD classes and BouncyCastle's block cipher engines.</summary>
    Managed,
}
