using BenchmarkDotNet.Attributes;
using IpsecTun.Core;
using IpsecTun.Esp;

namespace IpsecTun.Benchmarks;

/// <summary>
/// Outbound policy lookup in a road-warrior gateway's table: a few static site-to-site policies on top,
/// then one dynamic policy per client (its virtual /32 behind the gateway's networks), and a catch-all
/// bypass at the bottom. Lookups go to clients all over the table, so first-match order is exercised.
/// </summary>
[MemoryDiagnoser]
public class SpdLookupBenchmarks
{
    private const int Keys = 1024;

    private readonly FlowKey[] _keys = new FlowKey[Keys];
    private SecurityPolicyDatabase _spd = null!;
    private int _next;

    [Params(10, 1_000, 10_000)]
    public int Policies { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _spd = new SecurityPolicyDatabase();
        var any = IpPrefix.Any(4);
        for (int site = 0; site < 4; site++)
        {
            _spd.Add(new SecurityPolicy(new TrafficSelector(IpPrefix.Parse($"192.168.{site}.0/24"), IpPrefix.Parse($"172.16.{site}.0/24"))) { Tunnel = true });
        }

        int clients = Policies - 5;
        for (int client = 0; client < clients; client++)
        {
            _spd.Add(new SecurityPolicy(new TrafficSelector(any, Client(client))) { Tunnel = true, Dynamic = true });
        }

        _spd.Add(new SecurityPolicy(new TrafficSelector(any, any)) { Action = PolicyAction.None });

        var random = new Random(1);
        for (int i = 0; i < Keys; i++)
        {
            IpPrefix destination = Client(random.Next(clients));
            _keys[i] = new FlowKey(4, 0x0A00_0001, destination.Address, IpProtocol.Udp, 4000, 5000) { HasPorts = true };
        }

        _ = _spd.FindOutbound(_keys[0]);
    }

    [Benchmark]
    public SecurityPolicy? Lookup()
    {
        int i = _next++ & (Keys - 1);
        return _spd.FindOutbound(_keys[i]);
    }

    private static IpPrefix Client(int index) => new(4, (UInt128)(0x0A80_0000u + (uint)index), 32);
}
