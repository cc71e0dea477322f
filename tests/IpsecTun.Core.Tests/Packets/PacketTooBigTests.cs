using System.Buffers.Binary;

namespace IpsecTun.Core.Tests.Packets;

public sealed class PacketTooBigTests
{
    private static readonly byte[] Gateway4 = [192, 0, 2, 1];
    private static readonly byte[] Gateway6 = System.Net.IPAddress.Parse("2001:db8:ffff::1").GetAddressBytes();

    private readonly PacketBuffer reply = new(2048, 64);

    private static byte[] Udp4(int payload, bool dontFragment = true, byte[]? source = null, byte[]? destination = null) =>
        TestPackets.Ipv4(IpProtocol.Udp, new byte[payload], dontFragment, source: source, destination: destination);

    [Fact]
    public void An_oversized_IPv4_packet_with_DF_gets_fragmentation_needed_quoting_up_to_576_bytes()
    {
        var packet = Udp4(1480);
        for (int i = 20; i < packet.Length; i++)
        {
            packet[i] = (byte)(i * 7);
        }

        Assert.True(PacketTooBig.TryWrite(packet, 1400, Gateway4, reply));

        byte[] bytes = reply.Data.ToArray();
        Assert.Equal(576, bytes.Length);
        Assert.Equal((0x45, 576, IpProtocol.Icmp), (bytes[0], BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(2)), bytes[9]));
        Assert.Equal(Gateway4, bytes[12..16]);
        Assert.Equal(TestPackets.Host4, bytes[16..20]);
        Assert.True(ReferenceChecksum.Verifies(bytes[..20]));
        Assert.Equal((3, 4), (bytes[20], bytes[21]));
        Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(24)));
        Assert.Equal(1400, BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(26)));
        Assert.Equal(packet[..548], bytes[28..]);
        Assert.True(ReferenceChecksum.Verifies(bytes[20..]));
    }

    [Fact]
    public void A_short_packet_is_quoted_whole()
    {
        var packet = Udp4(100);
        Assert.True(PacketTooBig.TryWrite(packet, 100, Gateway4, reply));
        Assert.Equal(20 + 8 + 120, reply.Length);
        Assert.Equal(packet, reply.Data[28..].ToArray());
        Assert.True(ReferenceChecksum.Verifies(reply.Data[20..].ToArray()));
    }

    [Fact]
    public void No_error_without_DF_within_the_MTU_or_for_a_later_fragment()
    {
        Assert.False(PacketTooBig.TryWrite(Udp4(1480, dontFragment: false), 1400, Gateway4, reply));
        Assert.False(PacketTooBig.TryWrite(Udp4(1380), 1400, Gateway4, reply));
        Assert.False(PacketTooBig.TryWrite(TestPackets.Ipv4(IpProtocol.Udp, new byte[1480], fragmentOffset: 100), 1400, Gateway4, reply));
    }

    [Fact]
    public void No_error_about_an_ICMP_error_or_to_a_multicast_or_unspecified_address()
    {
        var unreachable = new byte[1480];
        unreachable[0] = 3;
        Assert.False(PacketTooBig.TryWrite(TestPackets.Ipv4(IpProtocol.Icmp, unreachable), 1400, Gateway4, reply));
        var echo = new byte[1480];
        echo[0] = 8;
        Assert.True(PacketTooBig.TryWrite(TestPackets.Ipv4(IpProtocol.Icmp, echo), 1400, Gateway4, reply));
        Assert.False(PacketTooBig.TryWrite(Udp4(1480, source: [0, 0, 0, 0]), 1400, Gateway4, reply));
        Assert.False(PacketTooBig.TryWrite(Udp4(1480, destination: [239, 1, 1, 1]), 1400, Gateway4, reply));
        Assert.False(PacketTooBig.TryWrite(Udp4(1480, destination: [255, 255, 255, 255]), 1400, Gateway4, reply));
    }

    [Fact]
    public void An_oversized_IPv6_packet_gets_packet_too_big_within_1280_bytes_with_a_valid_checksum()
    {
        var packet = TestPackets.Ipv6(IpProtocol.Udp, new byte[1460]);
        Assert.True(PacketTooBig.TryWrite(packet, 1400, Gateway6, reply));

        byte[] bytes = reply.Data.ToArray();
        Assert.Equal(1280, bytes.Length);
        Assert.Equal((0x60, 1240, IpProtocol.Icmpv6), (bytes[0], BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(4)), bytes[6]));
        Assert.Equal(Gateway6, bytes[8..24]);
        Assert.Equal(TestPackets.Host6, bytes[24..40]);
        Assert.Equal((2, 0), (bytes[40], bytes[41]));
        Assert.Equal(1400u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(44)));
        Assert.Equal(packet[..1232], bytes[48..]);
        Assert.True(ReferenceChecksum.Verifies(ReferenceChecksum.Pseudo(Gateway6, TestPackets.Host6, IpProtocol.Icmpv6, 1240), bytes[40..]));
    }

    [Fact]
    public void No_IPv6_error_about_an_ICMPv6_error_from_an_unspecified_source_or_below_the_minimum_MTU()
    {
        var error = new byte[1460];
        error[0] = 1; // destination unreachable
        Assert.False(PacketTooBig.TryWrite(TestPackets.Ipv6(IpProtocol.Icmpv6, error), 1400, Gateway6, reply));
        var echo = new byte[1460];
        echo[0] = 128;
        Assert.True(PacketTooBig.TryWrite(TestPackets.Ipv6(IpProtocol.Icmpv6, echo), 1400, Gateway6, reply));
        Assert.False(PacketTooBig.TryWrite(TestPackets.Ipv6(IpProtocol.Udp, new byte[1460], source: new byte[16]), 1400, Gateway6, reply));
        Assert.False(PacketTooBig.TryWrite(TestPackets.Ipv6(IpProtocol.Udp, new byte[1460]), 1200, Gateway6, reply));
    }

    [Fact]
    public void A_reply_source_of_the_wrong_family_or_a_too_small_buffer_gives_false()
    {
        Assert.False(PacketTooBig.TryWrite(Udp4(1480), 1400, Gateway6, reply));
        Assert.False(PacketTooBig.TryWrite(Udp4(1480), 1400, Gateway4, new PacketBuffer(256, 0)));
    }

    [Fact]
    public void Truncated_and_random_packets_never_throw()
    {
        var packet = Udp4(1480);
        for (int length = 0; length < 40; length++)
        {
            Assert.False(PacketTooBig.TryWrite(packet.AsSpan(0, length), 1400, Gateway4, reply));
        }

        var random = new Random(11);
        var buffer = new byte[1500];
        for (int i = 0; i < 5000; i++)
        {
            random.NextBytes(buffer);
            buffer[0] = (byte)(i % 2 == 0 ? 0x45 : 0x60);
            PacketTooBig.TryWrite(buffer, 1280, i % 2 == 0 ? Gateway4 : Gateway6, reply);
        }
    }
}
