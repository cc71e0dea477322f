using BenchmarkDotNet.Attributes;

namespace IpsecTun.Benchmarks;

/// <summary>Seals one ESP payload in place per operation: what the datapath does for every outbound packet.</summary>
[MemoryDiagnoser]
public class AeadSealBenchmarks : IDisposable
{
    private AeadSubject subject = null!;

    [Params("aes-128-gcm", "aes-256-gcm", "chacha20poly1305")]
    public string Algorithm { get; set; } = "";

    [Params(AeadSubject.LibCrypto, AeadSubject.Managed, AeadSubject.Direct)]
    public string Backend { get; set; } = "";

    [Params(64, 512, 1400)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup() => subject = new AeadSubject(Algorithm, Backend, Size);

    [GlobalCleanup]
    public void Dispose()
    {
        subject.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public void Seal() => subject.Seal();
}
