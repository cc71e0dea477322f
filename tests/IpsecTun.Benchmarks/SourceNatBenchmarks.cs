using System.Buffers.Binary;
using System.Net;
using BenchmarkDotNet.Attributes;
using IpsecTun.Core;
using IpsecTun.Engine.Runtime;
using IpsecTun.Esp;

namespace IpsecTun.Benchmarks;

/// <summary>
/// The cost the dynamic source NAT adds per packet on the endpoint's path (<see cref="DynamicSourceNat"/>, as the
/// adapter and socket loops call it): a TCP segment translated on the way out and its reply on the way back,
/// against the same two calls with no rule in force (what every packet pays when no src-address-list is set).
/// The table already holds the flows of a busy LAN, so lookups walk real buckets. The cost does not depend on
/// the payload (checksums are updated incrementally), so the packets are bare headers, copied from templates
/// each time since translation rewrites them. Both must allocate nothing.
/// </summary>
[MemoryDiagnoser]
public class SourceNatBenchmarks
{
    private const int Flows = 4096;
    private const int PacketLength = 40;

    private readonly byte[][] _outboundTemplates = new byte[Flows][];
    private readonly byte[][] _inboundTemplates = new byte[Flows][];
    private readonly byte[] _packet = new byte[PacketLength];
    private readonly DynamicSourceNat _none = new(TimeProvider.System);
    private readonly DynamicSourceNat _nat = new(TimeProvider.System);
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        byte[] server = [10, 5, 8, 1];
        _nat.Apply(this, IPAddress.Parse("192.168.77.254"), [IpPrefix.Parse("192.168.88.0/24")], [IPNetwork.Parse("10.5.8.0/24")], out _);
        for (int i = 0; i < Flows; i++)
        {
            _outboundTemplates[i] = Segment([192, 168, 88, (byte)(1 + i % 200)], (ushort)(20_000 + i), server, 443);
            byte[] sent = [.. _outboundTemplates[i]];
            _nat.TranslateOutbound(sent);
            _inboundTemplates[i] = Segment(server, 443, [192, 168, 77, 254], BinaryPrimitives.ReadUInt16BigEndian(sent.AsSpan(20)));
        }
    }

    [Benchmark(Baseline = true)]
    public SourceNatVerdict WithoutSourceNat() => OutAndIn(_none);

    [Benchmark]
    public SourceNatVerdict WithSourceNat() => OutAndIn(_nat);

    private SourceNatVerdict OutAndIn(DynamicSourceNat nat)
    {
        int flow = _next++ & (Flows - 1);
        _outboundTemplates[flow].CopyTo(_packet, 0);
        nat.TranslateOutbound(_packet);
        _inboundTemplates[flow].CopyTo(_packet, 0);
        return nat.TranslateInbound(_packet);
    }

    private static byte[] Segment(byte[] source, ushort sourcePort, byte[] destination, ushort destinationPort)
    {
        byte[] packet = new byte[PacketLength];
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(20), sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(22), destinationPort);
        packet[32] = 5 << 4;
        packet[33] = 0x10; // ACK
        Ipv4Header.Write(packet, source, destination, IpProtocol.Tcp, packet.Length);
        return packet;
    }
}
