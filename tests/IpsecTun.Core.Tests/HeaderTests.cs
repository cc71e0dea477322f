using IpsecTun.Core;

namespace IpsecTun.Core.Tests;

public class HeaderTests
{
    [Fact]
    public void Written_ipv4_header_reads_back_with_a_valid_checksum()
    {
        byte[] packet = new byte[28];
        Ipv4Header.Write(packet, [10, 0, 0, 1], [10, 0, 0, 2], IpProtocol.Udp, 28, ttl: 17, tos: 0xb8);

        Assert.True(Ipv4Header.TryRead(packet, out Ipv4Header header));
        Assert.Equal(20, header.HeaderLength);
        Assert.Equal(28, header.TotalLength);
        Assert.Equal(IpProtocol.Udp, header.Protocol);
        Assert.Equal(17, header.TimeToLive);
        Assert.Equal(0xb8, header.TypeOfService);
        Assert.Equal(new byte[] { 10, 0, 0, 2 }, header.Destination.ToArray());
        Assert.True(header.IsChecksumValid);
        Assert.False(header.IsFragment);
    }

    [Theory]
    [InlineData("4500001c")]                                       // shorter than 20 bytes
    [InlineData("650000140000400040110000c0a80001c0a800c7")]      // version 6 in an IPv4 slot
    [InlineData("440000140000400040110000c0a80001c0a800c7")]      // IHL 4
    [InlineData("450000300000400040110000c0a80001c0a800c7")]      // total length beyond the data
    [InlineData("460000140000400040110000c0a80001c0a800c7")]      // IHL 6 but only 20 bytes
    public void Malformed_ipv4_headers_are_refused(string hex)
    {
        Assert.False(Ipv4Header.TryRead(Convert.FromHexString(hex), out _));
    }

    [Fact]
    public void Ipv6_header_round_trips_and_refuses_a_payload_length_beyond_the_data()
    {
        byte[] packet = new byte[48];
        byte[] source = Convert.FromHexString("20010db8000000000000000000000001");
        byte[] destination = Convert.FromHexString("20010db8000000000000000000000002");
        Ipv6Header.Write(packet, source, destination, IpProtocol.Esp, 8, hopLimit: 9);

        Assert.True(Ipv6Header.TryRead(packet, out Ipv6Header header));
        Assert.Equal(8, header.PayloadLength);
        Assert.Equal(IpProtocol.Esp, header.NextHeader);
        Assert.Equal(9, header.HopLimit);
        Assert.Equal(source, header.Source.ToArray());
        Assert.Equal(48, header.TotalLength);

        Assert.False(Ipv6Header.TryRead(packet.AsSpan(0, 47), out _));
    }

    [Fact]
    public void Udp_checksum_over_ipv6_verifies_with_the_pseudo_header()
    {
        byte[] source = Convert.FromHexString("fe800000000000000000000000000001");
        byte[] destination = Convert.FromHexString("fe800000000000000000000000000002");
        byte[] datagram = new byte[13];
        UdpHeader udp = UdpHeader.Write(datagram, 4500, 4500, datagram.Length);
        "hello"u8.CopyTo(udp.Payload);
        udp.UpdateChecksum(source, destination);

        ulong sum = InternetChecksum.PseudoHeader(source, destination, IpProtocol.Udp, datagram.Length);
        Assert.Equal(0xFFFF, InternetChecksum.Fold(InternetChecksum.Add(sum, datagram)));
        Assert.NotEqual(0, udp.Checksum);
    }

    [Fact]
    public void Udp_header_with_a_length_beyond_the_data_is_refused()
    {
        byte[] datagram = Convert.FromHexString("1194119400200000aabb");

        Assert.False(UdpHeader.TryRead(datagram, out _));
    }
}
