using System.Net;
using IpsecTun.Core;

namespace IpsecTun.Core.Tests;

public class SelectorTests
{
    [Fact]
    public void Prefix_parses_both_families_and_clears_host_bits()
    {
        IpPrefix v4 = IpPrefix.Parse("10.1.2.3/16");
        IpPrefix v6 = IpPrefix.Parse("2001:db8::1/32");

        Assert.Equal("10.1.0.0/16", v4.ToString());
        Assert.Equal("2001:db8::/32", v6.ToString());
        Assert.True(v4.Contains(4, IpAddressBits.FromIPAddress(IPAddress.Parse("10.1.255.9"))));
        Assert.False(v4.Contains(4, IpAddressBits.FromIPAddress(IPAddress.Parse("10.2.0.1"))));
        Assert.False(v4.Contains(6, IpAddressBits.FromIPAddress(IPAddress.Parse("::a01:0"))));
        Assert.Equal(IPNetwork.Parse("2001:db8::/32"), v6.ToNetwork());
        Assert.Equal(32, IpPrefix.Parse("192.0.2.7").Length);
    }

    [Fact]
    public void Prefix_contains_longer_prefixes_inside_it_only()
    {
        IpPrefix outer = IpPrefix.Parse("10.0.0.0/8");

        Assert.True(outer.Contains(IpPrefix.Parse("10.9.0.0/16")));
        Assert.False(outer.Contains(IpPrefix.Parse("0.0.0.0/0")));
        Assert.False(outer.Contains(IpPrefix.Parse("11.0.0.0/16")));
    }

    [Fact]
    public void Flow_key_reads_udp_ports_of_ipv4_and_skips_ipv6_extension_headers()
    {
        byte[] v4 = Convert.FromHexString("4500001c000040004011000" + "0" + "0a0000010a000002" + "1f9000350008" + "0000");
        Assert.True(FlowKey.TryRead(v4, out FlowKey key4));
        Assert.Equal(IpProtocol.Udp, key4.Protocol);
        Assert.Equal(8080, key4.SourcePort);
        Assert.Equal(53, key4.DestinationPort);
        Assert.True(key4.HasPorts);

        // IPv6 with a hop-by-hop header (8 bytes) before TCP.
        byte[] v6 = new byte[40 + 8 + 20];
        Ipv6Header.Write(v6, IPAddress.Parse("2001:db8::1").GetAddressBytes(), IPAddress.Parse("2001:db8::2").GetAddressBytes(), IpProtocol.HopByHop, 28);
        v6[40] = IpProtocol.Tcp;
        v6[48] = 0x01;
        v6[49] = 0xbb;
        v6[51] = 0x50;
        Assert.True(FlowKey.TryRead(v6, out FlowKey key6));
        Assert.Equal(IpProtocol.Tcp, key6.Protocol);
        Assert.Equal(443, key6.SourcePort);
        Assert.Equal(80, key6.DestinationPort);
    }

    [Fact]
    public void Non_first_fragments_carry_no_ports()
    {
        byte[] v4 = Convert.FromHexString("4500001c00000010401100000a0000010a0000021f90003500080000");

        Assert.True(FlowKey.TryRead(v4, out FlowKey key));
        Assert.False(key.HasPorts);
        var selector = new TrafficSelector(IpPrefix.Parse("0.0.0.0/0"), IpPrefix.Parse("0.0.0.0/0"), IpProtocol.Udp, PortRange.Any, PortRange.Of(53));
        Assert.False(selector.Matches(key));
        Assert.True((selector with { DestinationPorts = PortRange.Any }).Matches(key));
    }

    [Fact]
    public void Selector_matches_protocol_and_port_ranges()
    {
        var selector = new TrafficSelector(IpPrefix.Parse("10.0.0.0/24"), IpPrefix.Parse("10.0.1.0/24"), IpProtocol.Tcp, PortRange.Any, new PortRange(1000, 2000));
        FlowKey inRange = Key("10.0.0.5", "10.0.1.9", IpProtocol.Tcp, 5555, 1500);

        Assert.True(selector.Matches(inRange));
        Assert.False(selector.Matches(inRange with { DestinationPort = 2001 }));
        Assert.False(selector.Matches(inRange with { Protocol = IpProtocol.Udp }));
        Assert.False(selector.Matches(inRange.Reverse()));
        Assert.True(selector.Reverse().Matches(inRange.Reverse()));
    }

    [Fact]
    public void Truncated_packets_give_no_flow_key()
    {
        Assert.False(FlowKey.TryRead([], out _));
        Assert.False(FlowKey.TryRead([0x45, 0, 0], out _));
        Assert.False(FlowKey.TryRead(new byte[39].Select((_, i) => i == 0 ? (byte)0x60 : (byte)0).ToArray(), out _));
    }

    private static FlowKey Key(string source, string destination, byte protocol, ushort sourcePort, ushort destinationPort) =>
        new(4, IpAddressBits.FromIPAddress(IPAddress.Parse(source)), IpAddressBits.FromIPAddress(IPAddress.Parse(destination)), protocol, sourcePort, destinationPort)
        {
            HasPorts = true,
        };
}
