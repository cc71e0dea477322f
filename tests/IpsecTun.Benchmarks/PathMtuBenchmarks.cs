using BenchmarkDotNet.Attributes;

namespace IpsecTun.Benchmarks;

/// <summary>
/// What knowing the path MTU costs per packet: with it every outbound packet is checked against the SA's
/// inner MTU and every packet in either direction is looked at for a TCP SYN to clamp; without it
/// (0) neither happens. AES-128-GCM in UDP, 1024-byte UDP packets, which fit the tunnel.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class PathMtuBenchmarks
{
    private EspBenchmarkSubject _subject = null!;

    [Params(0, 1500)]
    public int PathMtu { get; set; }

    [GlobalSetup]
    public void Setup() => _subject = new EspBenchmarkSubject("aes-128-gcm", 1024, PathMtu);

    [Benchmark]
    public void Encrypt() => _subject.EncryptOne();

    [Benchmark]
    public void Decrypt() => _subject.DecryptOne();
}
