using BenchmarkDotNet.Attributes;

namespace IpsecTun.Benchmarks;

/// <summary>The parameters the AEAD benchmarks share: transform, backend and payload size, and the packet they work on.</summary>
public abstract class AeadBenchmark : IDisposable
{
    [Params("aes-128-gcm", "aes-256-gcm", "chacha20poly1305")]
    public string Algorithm { get; set; } = "";

    [Params(AeadSubject.LibCrypto, AeadSubject.Managed, AeadSubject.Direct)]
    public string Backend { get; set; } = "";

    [Params(64, 512, 1400)]
    public int Size { get; set; }

    internal AeadSubject Subject { get; private set; } = null!;

    [GlobalSetup]
    public virtual void Setup() => Subject = new AeadSubject(Algorithm, Backend, Size);

    [GlobalCleanup]
    public void Dispose()
    {
        Subject.Dispose();
        GC.SuppressFinalize(this);
    }
}
