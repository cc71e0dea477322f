using System.Net;
using BenchmarkDotNet.Attributes;
using IpsecTun.Crypto;
using IpsecTun.Esp;

namespace IpsecTun.Benchmarks;

/// <summary>Inbound SA lookup by SPI among 10,000 installed SAs, as every received ESP packet does.</summary>
[MemoryDiagnoser]
public class SadLookupBenchmarks
{
    private const int Sas = 10_000;

    private readonly uint[] _spis = new uint[Sas];
    private SecurityAssociationDatabase _sad = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _sad = new SecurityAssociationDatabase(TimeProvider.System);
        for (int i = 0; i < Sas; i++)
        {
            _spis[i] = _sad.ReserveSpi(RandomSource.System);
            _sad.Install(new SecurityAssociationSettings
            {
                Spi = _spis[i], Direction = SaDirection.Inbound, Protocol = IpsecProtocols.Ah,
                Source = IPAddress.Parse("192.0.2.1"), Destination = IPAddress.Parse("192.0.2.2"),
                Integrity = IntegrityAlgorithms.HmacSha2_256_128, IntegrityKey = new byte[32],
            });
        }

        Random.Shared.Shuffle(_spis);
    }

    [Benchmark]
    public SecurityAssociation? LookupBySpi()
    {
        uint spi = _spis[_next++ % Sas];
        return _sad.TryGetInbound(spi, out SecurityAssociation? sa) ? sa : null;
    }
}
