using System.Buffers.Binary;
using static IpsecTun.Esp.Tests.NatSetup;

namespace IpsecTun.Esp.Tests;

public sealed class SourceNatMalformedTests
{
    private readonly ManualTimeProvider _clock = new();

    public static TheoryData<string, byte[]> BrokenOutbound()
    {
        byte[] tcp = NatPackets.Tcp(HostA, 1, Server, 2);
        byte[] echo = NatPackets.Echo(HostA, Server, request: true, id: 1);
        return new()
        {
            { "total length beyond the buffer", tcp[..^1] },
            { "header length below 20", With(tcp, 0, 0x44) },
            { "tcp cut inside its header", Truncated(tcp, 20 + 12) },
            { "tcp data offset beyond the segment", With(tcp, 32, 0xF0) },
            { "udp shorter than its header", Truncated(NatPackets.Udp(HostA, 1, Server, 2, payloadLength: 0), 20 + 6) },
            { "icmp shorter than its header", Truncated(echo, 20 + 4) },
            { "icmp error quoting less than a header", NatPackets.IcmpError(HostA, Server, 3, 3, NatPackets.Udp(Server, 2, HostA, 1), quotedLength: 12) },
        };
    }

    [Theory]
    [MemberData(nameof(BrokenOutbound))]
    public void Broken_packets_from_inside_are_dropped_and_counted(string why, byte[] packet)
    {
        SourceNatTranslator nat = Create(_clock);
        Assert.Equal(SourceNatVerdict.Dropped, nat.TranslateOutbound(packet));
        Assert.True(nat.Statistics[SourceNatCounter.Malformed] == 1, why);
        Assert.Equal(0, nat.ConnectionCount);
    }

    [Fact]
    public void Fragments_from_inside_are_dropped_and_counted()
    {
        SourceNatTranslator nat = Create(_clock);
        byte[] fragment = NatPackets.Udp(HostA, 1, Server, 2);
        BinaryPrimitives.WriteUInt16BigEndian(fragment.AsSpan(6), 0x2000); // more fragments

        Assert.Equal(SourceNatVerdict.Dropped, nat.TranslateOutbound(fragment));
        Assert.Equal(1, nat.Statistics[SourceNatCounter.Fragments]);
    }

    [Fact]
    public void Protocols_without_ports_from_inside_are_dropped_as_unsupported()
    {
        SourceNatTranslator nat = Create(_clock);
        byte[] gre = NatPackets.Udp(HostA, 1, Server, 2);
        gre[9] = 47;

        Assert.Equal(SourceNatVerdict.Dropped, nat.TranslateOutbound(gre));
        Assert.Equal(1, nat.Statistics[SourceNatCounter.Unsupported]);
    }

    [Fact]
    public void Truncated_tcp_to_the_virtual_address_is_dropped_and_counted()
    {
        SourceNatTranslator nat = Create(_clock);
        Assert.Equal(SourceNatVerdict.Dropped, nat.TranslateInbound(Truncated(NatPackets.Tcp(Server, 2, Virtual, 1), 20 + 10)));
        Assert.Equal(1, nat.Statistics[SourceNatCounter.Malformed]);
    }

    /// <summary>
    /// Seeded mutations of valid packets of every kind, through both directions on a table that holds
    /// their connections: nothing throws, and every Dropped verdict has exactly one counter behind it.
    /// </summary>
    [Fact]
    public void Mutated_packets_never_throw_and_every_drop_is_counted()
    {
        SourceNatTranslator nat = Create(_clock, capacity: 64);
        byte[] udp = NatPackets.Udp(HostA, 1000, Server, 53);
        byte[] tcp = NatPackets.Tcp(HostA, 2000, Server, 80);
        byte[] echo = NatPackets.Echo(HostA, Server, request: true, id: 5);
        byte[][] seeds =
        [
            udp, tcp, echo,
            NatPackets.IcmpError(Server, Virtual, 3, 3, Sent(nat, udp)),
            NatPackets.IcmpError(Server, Virtual, 11, 0, Sent(nat, echo)),
            NatPackets.IcmpError(HostA, Server, 3, 3, NatPackets.Udp(Server, 53, HostA, 1000)),
            NatPackets.Tcp(Server, 80, Virtual, 2000),
        ];
        _ = Sent(nat, tcp);

        var random = new Random(8);
        long dropped = 0;
        for (int i = 0; i < 200_000; i++)
        {
            byte[] seed = seeds[random.Next(seeds.Length)];
            byte[] packet = seed[..random.Next(1, seed.Length + 1)];
            for (int flips = random.Next(1, 4); flips > 0; flips--)
            {
                packet[random.Next(packet.Length)] ^= (byte)random.Next(1, 256);
            }

            SourceNatVerdict verdict = random.Next(2) == 0 ? nat.TranslateOutbound(packet) : nat.TranslateInbound(packet);
            if (verdict == SourceNatVerdict.Dropped)
            {
                dropped++;
            }
        }

        Assert.True(dropped > 0);
        Assert.Equal(dropped, Drops(nat.Statistics));
    }

    private static byte[] Sent(SourceNatTranslator nat, byte[] packet)
    {
        byte[] copy = [.. packet];
        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateOutbound(copy));
        return copy;
    }

    private static byte[] With(byte[] packet, int offset, byte value)
    {
        byte[] copy = [.. packet];
        copy[offset] = value;
        return copy;
    }

    /// <summary>The first <paramref name="length"/> bytes with the IP total length and header checksum made to fit.</summary>
    private static byte[] Truncated(byte[] packet, int length)
    {
        byte[] copy = packet[..length];
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(2), (ushort)length);
        return copy;
    }
}
