using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using IpsecTun.Crypto;

namespace IpsecTun.Benchmarks;

/// <summary>
/// AES-256-CBC per packet on both backends, against .NET's one-shot <c>Aes.EncryptCbc</c>/<c>DecryptCbc</c>
/// (the baseline rows), which allocate on every call.
/// </summary>
[MemoryDiagnoser]
public class CbcBenchmarks : IDisposable
{
    private const string Direct = ".NET one-shot";

    private readonly byte[] iv = new byte[16];
    private PacketCipher? cipher;
    private Aes? aes;
    private byte[] payload = [];

    [Params("libcrypto", "managed", Direct)]
    public string Backend { get; set; } = "";

    // Whole AES blocks: a 1400-byte payload pads to 1408 in ESP.
    [Params(64, 512, 1408)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        byte[] key = new byte[32];
        RandomNumberGenerator.Fill(key);
        RandomNumberGenerator.Fill(iv);
        payload = new byte[Size];
        RandomNumberGenerator.Fill(payload);
        if (Backend == Direct)
        {
            aes = Aes.Create();
            aes.Key = key;
            return;
        }

        if (!TransformRegistry.TryGetEncryption("aes-256-cbc", out var algorithm))
        {
            throw new InvalidOperationException("aes-256-cbc is not registered");
        }

        cipher = algorithm.CreateCipher(key, Backend == "libcrypto" ? CipherBackend.LibCrypto : CipherBackend.Managed);
        if (!Decrypt())
        {
            throw new InvalidOperationException($"aes-256-cbc on {Backend} refused a {Size}-byte payload");
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        cipher?.Dispose();
        aes?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public void Encrypt()
    {
        if (aes is null)
        {
            cipher!.Encrypt(iv, [], payload, []);
            return;
        }

        aes.EncryptCbc(payload, iv, payload, PaddingMode.None);
    }

    [Benchmark]
    public bool Decrypt()
    {
        if (aes is null)
        {
            return cipher!.TryDecrypt(iv, [], payload, []);
        }

        return aes.DecryptCbc(payload, iv, payload, PaddingMode.None) == payload.Length;
    }
}
