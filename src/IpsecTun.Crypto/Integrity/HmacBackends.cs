using System.Security.Cryptography;

namespace IpsecTun.Crypto;

/// <summary>Chooses where an HMAC runs: libcrypto's EVP_MAC where it loads, <see cref="IncrementalHash"/> otherwise.</summary>
internal static class HmacBackends
{
    public static KeyedHash Create(HashAlgorithmName hash, int outputSize, ReadOnlySpan<byte> key) =>
        Create(hash, outputSize, key, CipherBackend.Auto);

    public static KeyedHash Create(HashAlgorithmName hash, int outputSize, ReadOnlySpan<byte> key, CipherBackend backend)
    {
        if (backend == CipherBackend.Managed)
        {
            return new HmacKeyedHash(hash, outputSize, key);
        }

        KeyedHash? native = LibCryptoHmac.TryCreate(hash, outputSize, key);
        if (native is not null)
        {
            return native;
        }

        return backend == CipherBackend.LibCrypto
            ? throw new NotSupportedException($"libcrypto does not offer HMAC-{hash.Name} here.")
            : new HmacKeyedHash(hash, outputSize, key);
    }
}
