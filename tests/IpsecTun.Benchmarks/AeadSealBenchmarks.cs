using BenchmarkDotNet.Attributes;

namespace IpsecTun.Benchmarks;

/// <summary>Seals one ESP payload in place per operation: what the datapath does for every outbound packet.</summary>
[MemoryDiagnoser]
public class AeadSealBenchmarks : AeadBenchmark
{
    [Benchmark]
    public void Seal() => Subject.Seal();
}
