using System.Security.Cryptography;

namespace IpsecTun.Crypto.Tests;

/// <summary>Keys an HMAC PRF, named as in the registry, on a chosen backend.</summary>
internal static class Hmacs
{
    public static IEnumerable<string> Names => ["md5", "sha1", "sha256", "sha384", "sha512"];

    public static TheoryData<Backend, string> EveryImplementation =>
        [.. Enum.GetValues<Backend>().SelectMany(b => Names.Select(n => (b, n)))];

    /// <summary>Every row of <paramref name="rows"/>, once per backend, the backend first.</summary>
    public static TheoryData<Backend, string, byte[], byte[], string> OnEachBackend(
        params TheoryData<string, byte[], byte[], string>[] rows)
    {
        var table = new TheoryData<Backend, string, byte[], byte[], string>();
        foreach (Backend backend in Enum.GetValues<Backend>())
        {
            foreach (var row in rows.SelectMany(r => r))
            {
                var (name, key, data, expected) = row.Data;
                table.Add(backend, name, key, data, expected);
            }
        }

        return table;
    }

    public static KeyedHash Create(string name, Backend backend, ReadOnlySpan<byte> key)
    {
        if (backend == Backend.LibCrypto && !LibCryptoHmac.IsAvailable)
        {
            Assert.Skip("libcrypto's EVP_MAC HMAC is not available here.");
        }

        Assert.True(TransformRegistry.TryGetPrf(name, out PrfAlgorithm? prf), $"{name} is not registered");
        var hash = new HashAlgorithmName(name.ToUpperInvariant());
        return HmacBackends.Create(hash, prf.OutputSize, key, backend == Backend.LibCrypto ? CipherBackend.LibCrypto : CipherBackend.Managed);
    }
}
