using BenchmarkDotNet.Attributes;
using IpsecTun.Crypto;

namespace IpsecTun.Benchmarks;

/// <summary>ICV computation per ESP packet; the Allocated column must read "-" (0 B).</summary>
[MemoryDiagnoser]
public class IntegrityBenchmarks
{
    private PacketAuthenticator _authenticator = null!;
    private byte[] _packet = null!;
    private byte[] _icv = null!;

    [Params("sha256", "sha1", "aes-xcbc")]
    public string Algorithm { get; set; } = "";

    [Params(64, 512, 1400)]
    public int PacketSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (!TransformRegistry.TryGetIntegrity(Algorithm, out IntegrityAlgorithm? algorithm))
        {
            throw new InvalidOperationException($"No integrity transform named {Algorithm}.");
        }

        _authenticator = algorithm.CreateAuthenticator(new byte[algorithm.KeySize]);
        _packet = new byte[PacketSize];
        _icv = new byte[algorithm.IcvSize];
    }

    [GlobalCleanup]
    public void Cleanup() => _authenticator.Dispose();

    [Benchmark]
    public void ComputeIcv()
    {
        _authenticator.Append(_packet);
        _authenticator.Finish(_icv);
    }
}
