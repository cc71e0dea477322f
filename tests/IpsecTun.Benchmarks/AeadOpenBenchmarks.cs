using BenchmarkDotNet.Attributes;

namespace IpsecTun.Benchmarks;

/// <summary>
/// Verifies and decrypts one ESP payload in place per operation. Each operation first copies the sealed
/// payload into the work buffer (opening destroys it), so every row includes one copy of Size bytes.
/// </summary>
[MemoryDiagnoser]
public class AeadOpenBenchmarks : AeadBenchmark
{
    private byte[] sealedPayload = [];
    private byte[] work = [];

    public override void Setup()
    {
        base.Setup();
        Subject.Seal();
        sealedPayload = (byte[])Subject.Payload.Clone();
        work = new byte[Size];
        if (!Open())
        {
            throw new InvalidOperationException($"{Algorithm} on {Backend} does not open what it sealed");
        }
    }

    [Benchmark]
    public bool Open()
    {
        sealedPayload.CopyTo(work, 0);
        return Subject.Open(work);
    }
}
