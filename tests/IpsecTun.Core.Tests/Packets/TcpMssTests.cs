using System.Buffers.Binary;

namespace IpsecTun.Core.Tests.Packets;

public sealed class TcpMssTests
{
    private const byte Syn = 0x02;
    private const byte Ack = 0x10;

    // MSS 1460, NOP, window scale 7: the MSS value sits at an even offset of the TCP header.
    private static readonly byte[] AlignedOptions = Convert.FromHexString("020405b401030307");

    // NOP first: the MSS value straddles two checksum words.
    private static readonly byte[] OddOptions = Convert.FromHexString("01020405b4010101");

    private static byte[] Syn4(byte[] options, byte flags = Syn) =>
        TestPackets.Ipv4(IpProtocol.Tcp, TestPackets.Tcp(flags, options, TestPackets.Host4, TestPackets.Server4));

    private static ushort Mss(byte[] packet, int at) => BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(at));

    private static ushort TcpChecksum(byte[] packet, int tcp) => BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(tcp + 16));

    [Fact]
    public void An_IPv4_SYN_gets_the_lower_MSS_and_the_checksum_computed_by_hand()
    {
        var packet = Syn4(AlignedOptions);
        Assert.Equal(0xD728, TcpChecksum(packet, 20)); // python3 over the same bytes

        Assert.True(TcpMss.TryClamp(packet, 1360));

        Assert.Equal(1360, Mss(packet, 42));
        Assert.Equal(0xD78C, TcpChecksum(packet, 20)); // python3 over the clamped bytes
        Assert.True(ReferenceChecksum.Verifies(ReferenceChecksum.Pseudo(TestPackets.Host4, TestPackets.Server4, IpProtocol.Tcp, 28), packet[20..]));
    }

    [Fact]
    public void An_MSS_value_at_an_odd_offset_updates_both_words_it_straddles()
    {
        var packet = Syn4(OddOptions);
        Assert.Equal(0x28E1, TcpChecksum(packet, 20));

        Assert.True(TcpMss.TryClamp(packet, 1360));

        Assert.Equal(1360, Mss(packet, 43));
        Assert.Equal(0x8CE1, TcpChecksum(packet, 20));
    }

    [Fact]
    public void A_SYN_ACK_is_clamped_and_a_plain_ACK_is_not()
    {
        Assert.True(TcpMss.TryClamp(Syn4(AlignedOptions, Syn | Ack), 1360));
        var ack = Syn4(AlignedOptions, Ack);
        var before = ack.ToArray();
        Assert.False(TcpMss.TryClamp(ack, 1360));
        Assert.Equal(before, ack);
    }

    [Fact]
    public void A_smaller_MSS_or_none_at_all_stays_as_it_is()
    {
        var packet = Syn4(AlignedOptions);
        Assert.False(TcpMss.TryClamp(packet, 1460));
        Assert.Equal(1460, Mss(packet, 42));
        Assert.False(TcpMss.TryClamp(Syn4(Convert.FromHexString("01030307")), 1360));
    }

    [Fact]
    public void An_IPv6_SYN_behind_a_destination_options_header_is_clamped_with_a_valid_checksum()
    {
        var tcp = TestPackets.Tcp(Syn, AlignedOptions, TestPackets.Host6, TestPackets.Server6, dataLength: 3);
        byte[] destinationOptions = [IpProtocol.Tcp, 0, 1, 4, 0, 0, 0, 0]; // PadN over six bytes
        var packet = TestPackets.Ipv6(IpProtocol.Ipv6DestinationOptions, [.. destinationOptions, .. tcp]);

        Assert.True(TcpMss.TryClamp(packet, (ushort)TcpMss.ForMtu(1400, 6)));

        Assert.Equal(1340, Mss(packet, 48 + 22));
        Assert.True(ReferenceChecksum.Verifies(ReferenceChecksum.Pseudo(TestPackets.Host6, TestPackets.Server6, IpProtocol.Tcp, tcp.Length), packet[48..]));
    }

    [Fact]
    public void Fragments_other_than_the_first_are_left_alone()
    {
        var tcp = TestPackets.Tcp(Syn, AlignedOptions, TestPackets.Host4, TestPackets.Server4);
        Assert.False(TcpMss.TryClamp(TestPackets.Ipv4(IpProtocol.Tcp, tcp, fragmentOffset: 3), 1360));
        byte[] fragment = [IpProtocol.Tcp, 0, 0, 0x18, 0, 0, 0, 1]; // offset 3 (24 bytes)
        Assert.False(TcpMss.TryClamp(TestPackets.Ipv6(IpProtocol.Ipv6Fragment, [.. fragment, .. tcp]), 1360));
    }

    [Theory]
    [InlineData("030005b4020405b4")] // an option of length 0 before a good MSS
    [InlineData("030a020405b40000")] // an option running past the header, over an MSS
    [InlineData("01010102")] // an MSS cut short by the end of the header
    [InlineData("0306020405b40000")] // MSS-looking bytes inside another option's data
    public void Malformed_or_hidden_options_are_left_alone(string options)
    {
        var packet = Syn4(Convert.FromHexString(options));
        var before = packet.ToArray();
        Assert.False(TcpMss.TryClamp(packet, 1000));
        Assert.Equal(before, packet);
    }

    [Fact]
    public void Truncated_and_random_packets_never_throw()
    {
        var packet = Syn4(AlignedOptions);
        for (int length = 0; length < packet.Length; length++)
        {
            Assert.False(TcpMss.TryClamp(packet.AsSpan(0, length).ToArray(), 1000));
        }

        var random = new Random(7);
        var buffer = new byte[80];
        for (int i = 0; i < 20000; i++)
        {
            random.NextBytes(buffer);
            buffer[0] = (byte)(i % 2 == 0 ? 0x45 : 0x60);
            TcpMss.TryClamp(buffer, 1000);
        }
    }
}
