namespace IpsecTun.Crypto;

/// <summary>Which implementation a <see cref="PacketCipher"/> or an HMAC runs on.</summary>
internal enum CipherBackend
{
    /// <summary>libcrypto where it offers the transform, the managed implementation otherwise.</summary>
    Auto,

    /// <summary>OpenSSL 3's libcrypto, called directly.</summary>
    LibCrypto,

    /// <summary>.NET's AEAD classes and <c>IncrementalHash</c>, and BouncyCastle's block cipher engines.</summary>
    Managed,
}
