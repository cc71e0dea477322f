using BenchmarkDotNet.Attributes;
using IpsecTun.Crypto;

namespace IpsecTun.Benchmarks;

/// <summary>The two operations of one side of a key exchange: making a key pair, and the shared secret with a peer.</summary>
[MemoryDiagnoser]
public class KeyExchangeBenchmarks
{
    private KeyExchangeGroup group = null!;
    private KeyExchange exchange = null!;
    private byte[] peerPublicValue = [];
    private byte[] sharedSecret = [];

    [Params("curve25519", "ecp256", "modp2048", "modp4096")]
    public string Group { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        if (!TransformRegistry.TryGetKeyExchange(Group, out var found))
        {
            throw new InvalidOperationException($"unknown group {Group}");
        }

        group = found;
        exchange = group.Create(RandomSource.System);
        using var peer = group.Create(RandomSource.System);
        peerPublicValue = peer.PublicValue.ToArray();
        sharedSecret = new byte[group.SharedSecretSize];
    }

    [GlobalCleanup]
    public void Cleanup() => exchange.Dispose();

    /// <summary>A fresh private key and its public value, as for a KE payload.</summary>
    [Benchmark]
    public int KeyGeneration()
    {
        using var created = group.Create(RandomSource.System);
        return created.PublicValue.Length;
    }

    /// <summary>Validating the peer's public value and computing g^ir.</summary>
    [Benchmark]
    public bool SharedSecret() => exchange.TryComputeSharedSecret(peerPublicValue, sharedSecret, out _);
}
