using BenchmarkDotNet.Attributes;

namespace IpsecTun.Benchmarks;

/// <summary>
/// Verifies and decrypts one ESP payload in place per operation. Each operation first copies the sealed
/// payload into the work buffer (opening destroys it), so every row includes one copy of Size bytes.
/// </summary>
[MemoryDiagnoser]
public class AeadOpenBenchmarks : IDisposable
{
    private AeadSubject subject = null!;
    private byte[] sealedPayload = [];
    private byte[] work = [];

    [Params("aes-128-gcm", "aes-256-gcm", "chacha20poly1305")]
    public string Algorithm { get; set; } = "";

    [Params(AeadSubject.LibCrypto, AeadSubject.Managed, AeadSubject.Direct)]
    public string Backend { get; set; } = "";

    [Params(64, 512, 1400)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        subject = new AeadSubject(Algorithm, Backend, Size);
        subject.Seal();
        sealedPayload = (byte[])subject.Payload.Clone();
        work = new byte[Size];
        if (!Open())
        {
            throw new InvalidOperationException($"{Algorithm} on {Backend} does not open what it sealed");
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        subject.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public bool Open()
    {
        sealedPayload.CopyTo(work, 0);
        return subject.Open(work);
    }
}
