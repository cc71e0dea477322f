using IpsecTun.Core;
using static IpsecTun.Esp.Tests.NatSetup;

namespace IpsecTun.Esp.Tests;

public sealed class SourceNatTranslationTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public void Tcp_round_trip_rewrites_the_inside_host_to_the_virtual_address_and_back()
    {
        SourceNatTranslator nat = Create(_clock);
        byte[] packet = NatPackets.Tcp(HostA, 40_000, Server, 80, NatPackets.Syn);

        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateOutbound(packet));
        Assert.Equal(NatPackets.Tcp(Virtual, 40_000, Server, 80, NatPackets.Syn), packet);
        NatPackets.AssertChecksumsValid(packet);

        byte[] reply = NatPackets.Tcp(Server, 80, Virtual, 40_000, NatPackets.Syn | NatPackets.Ack);
        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateInbound(reply));
        Assert.Equal(NatPackets.Tcp(Server, 80, HostA, 40_000, NatPackets.Syn | NatPackets.Ack), reply);
        NatPackets.AssertChecksumsValid(reply);
        Assert.Equal(1, nat.Statistics[SourceNatCounter.OutboundTranslated]);
        Assert.Equal(1, nat.Statistics[SourceNatCounter.InboundTranslated]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(200)]
    public void Udp_round_trip_keeps_checksums_right_for_any_payload(int payloadLength)
    {
        SourceNatTranslator nat = Create(_clock);
        byte[] packet = NatPackets.Udp(HostA, 5353, Server, 53, payloadLength);

        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateOutbound(packet));
        Assert.Equal(NatPackets.Udp(Virtual, 5353, Server, 53, payloadLength), packet);

        byte[] reply = NatPackets.Udp(Server, 53, Virtual, 5353, payloadLength);
        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateInbound(reply));
        Assert.Equal(NatPackets.Udp(Server, 53, HostA, 5353, payloadLength), reply);
        NatPackets.AssertChecksumsValid(reply);
    }

    [Fact]
    public void Udp_without_a_checksum_keeps_none()
    {
        SourceNatTranslator nat = Create(_clock);
        byte[] packet = NatPackets.Udp(HostA, 5000, Server, 6000, withChecksum: false);

        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateOutbound(packet));
        Assert.Equal(NatPackets.Udp(Virtual, 5000, Server, 6000, withChecksum: false), packet);

        byte[] reply = NatPackets.Udp(Server, 6000, Virtual, 5000, withChecksum: false);
        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateInbound(reply));
        Assert.Equal(NatPackets.Udp(Server, 6000, HostA, 5000, withChecksum: false), reply);
    }

    [Fact]
    public void A_udp_checksum_that_comes_out_zero_is_sent_as_all_ones()
    {
        // Find a payload whose translated datagram sums to zero; RFC 768 sends that as 0xFFFF.
        ushort word = Enumerable.Range(0, 65_536).Select(w => (ushort)w)
            .First(w => NatPackets.Udp(Virtual, 5000, Server, 53, firstWord: w).AsSpan(26, 2).SequenceEqual(new byte[] { 0xFF, 0xFF }));
        SourceNatTranslator nat = Create(_clock);
        byte[] packet = NatPackets.Udp(HostA, 5000, Server, 53, firstWord: word);

        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateOutbound(packet));
        Assert.Equal(NatPackets.Udp(Virtual, 5000, Server, 53, firstWord: word), packet);
    }

    [Fact]
    public void Icmp_echo_is_mapped_by_query_id()
    {
        SourceNatTranslator nat = Create(_clock);
        byte[] request = NatPackets.Echo(HostA, Server, request: true, id: 0x0BAD, sequence: 7);

        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateOutbound(request));
        Assert.Equal(NatPackets.Echo(Virtual, Server, request: true, id: 0x0BAD, sequence: 7), request);

        byte[] reply = NatPackets.Echo(Server, Virtual, request: false, id: 0x0BAD, sequence: 7);
        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateInbound(reply));
        Assert.Equal(NatPackets.Echo(Server, HostA, request: false, id: 0x0BAD, sequence: 7), reply);
        NatPackets.AssertChecksumsValid(reply);
    }

    [Fact]
    public void Two_inside_hosts_on_the_same_port_to_the_same_server_get_distinct_ports_and_their_own_replies()
    {
        SourceNatTranslator nat = Create(_clock);
        byte[] fromA = NatPackets.Udp(HostA, 4500, Server, 4500);
        byte[] fromB = NatPackets.Udp(HostB, 4500, Server, 4500);

        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateOutbound(fromA));
        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateOutbound(fromB));
        Assert.Equal(4500, NatPackets.SourcePort(fromA));
        ushort remapped = NatPackets.SourcePort(fromB);
        Assert.InRange(remapped, (ushort)61_000, (ushort)65_535);
        Assert.Equal(NatPackets.Udp(Virtual, remapped, Server, 4500), fromB);

        byte[] toB = NatPackets.Udp(Server, 4500, Virtual, remapped);
        byte[] toA = NatPackets.Udp(Server, 4500, Virtual, 4500);
        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateInbound(toB));
        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateInbound(toA));
        Assert.Equal(NatPackets.Udp(Server, 4500, HostB, 4500), toB);
        Assert.Equal(NatPackets.Udp(Server, 4500, HostA, 4500), toA);
    }

    [Fact]
    public void Colliding_echo_ids_are_remapped_too()
    {
        SourceNatTranslator nat = Create(_clock);
        byte[] fromA = NatPackets.Echo(HostA, Server, request: true, id: 1);
        byte[] fromB = NatPackets.Echo(HostB, Server, request: true, id: 1);
        nat.TranslateOutbound(fromA);
        nat.TranslateOutbound(fromB);
        ushort remapped = NatPackets.EchoId(fromB);
        Assert.NotEqual(1, remapped);
        NatPackets.AssertChecksumsValid(fromB);

        byte[] toB = NatPackets.Echo(Server, Virtual, request: false, id: remapped);
        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateInbound(toB));
        Assert.Equal(NatPackets.Echo(Server, HostB, request: false, id: 1), toB);
    }

    [Fact]
    public void The_same_port_towards_different_servers_is_kept()
    {
        SourceNatTranslator nat = Create(_clock);
        byte[] fromA = NatPackets.Tcp(HostA, 50_000, Server, 443);
        byte[] fromB = NatPackets.Tcp(HostB, 50_000, Router, 443);
        nat.TranslateOutbound(fromA);
        nat.TranslateOutbound(fromB);

        Assert.Equal(50_000, NatPackets.SourcePort(fromA));
        Assert.Equal(50_000, NatPackets.SourcePort(fromB));
        Assert.Equal(2, nat.ConnectionCount);
    }

    [Fact]
    public void A_host_colliding_when_the_remap_range_is_used_up_is_refused_and_counted()
    {
        SourceNatTranslator nat = Create(_clock, firstRemapPort: 61_000, lastRemapPort: 61_000);
        nat.TranslateOutbound(NatPackets.Udp(HostA, 7, Server, 7));
        nat.TranslateOutbound(NatPackets.Udp(HostB, 7, Server, 7));
        byte[] third = NatPackets.Udp("192.168.88.30", 7, Server, 7);

        Assert.Equal(SourceNatVerdict.Dropped, nat.TranslateOutbound(third));
        Assert.Equal(1, nat.Statistics[SourceNatCounter.NoPortAvailable]);
    }

    [Theory]
    [InlineData(Virtual, Server)] // the endpoint host's own traffic
    [InlineData("172.16.0.5", Server)] // not in the src-address-list
    [InlineData(HostA, HostB)] // towards the inside networks themselves (dst-address-list=!list)
    public void Packets_outside_the_rule_pass_unchanged(string source, string destination)
    {
        SourceNatTranslator nat = Create(_clock);
        byte[] packet = NatPackets.Udp(source, 1000, destination, 2000);
        byte[] before = [.. packet];

        Assert.Equal(SourceNatVerdict.Unchanged, nat.TranslateOutbound(packet));
        Assert.Equal(before, packet);
        Assert.Equal(0, nat.ConnectionCount);
    }

    [Fact]
    public void With_split_include_networks_only_traffic_to_them_is_translated()
    {
        // The manual's example: one rule per split-include network, 10.5.8.0/24 and 192.168.55.0/24.
        SourceNatTranslator nat = Create(_clock, destinations: ["10.5.8.0/24", "192.168.55.0/24", "fd00::/64"]);
        byte[] toOffice = NatPackets.Udp(HostA, 1000, Server, 2000);
        byte[] toSecondOffice = NatPackets.Udp(HostA, 1000, "192.168.55.9", 2000);
        byte[] elsewhere = NatPackets.Udp(HostA, 1000, "172.20.0.1", 2000);
        byte[] before = [.. elsewhere];

        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateOutbound(toOffice));
        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateOutbound(toSecondOffice));
        Assert.Equal(SourceNatVerdict.Unchanged, nat.TranslateOutbound(elsewhere));
        Assert.Equal(NatPackets.Udp(Virtual, 1000, "192.168.55.9", 2000), toSecondOffice);
        Assert.Equal(before, elsewhere);
        Assert.Equal(2, nat.ConnectionCount);
    }

    [Fact]
    public void Translators_given_one_statistics_object_count_into_it()
    {
        var shared = new SourceNatStatistics();
        var first = new SourceNatTranslator(
            new SourceNatSettings { TranslatedAddress = System.Net.IPAddress.Parse(Virtual), InsideNetworks = [IpPrefix.Parse("192.168.88.0/24")] }, _clock, shared);
        var second = new SourceNatTranslator(
            new SourceNatSettings { TranslatedAddress = System.Net.IPAddress.Parse(Router), InsideNetworks = [IpPrefix.Parse("192.168.88.0/24")] }, _clock, shared);

        first.TranslateOutbound(NatPackets.Udp(HostA, 1, Server, 2));
        second.TranslateOutbound(NatPackets.Udp(HostA, 1, Server, 2));

        Assert.Same(shared, second.Statistics);
        Assert.Equal(2, shared[SourceNatCounter.OutboundTranslated]);
        Assert.Equal(System.Net.IPAddress.Parse(Router), second.TranslatedAddress);
    }

    [Fact]
    public void Ipv6_passes_unchanged()
    {
        SourceNatTranslator nat = Create(_clock);
        byte[] packet = Packets.Udp("fd00::1", "fd00::2", 1, 2, 10);
        byte[] before = [.. packet];

        Assert.Equal(SourceNatVerdict.Unchanged, nat.TranslateOutbound(packet));
        Assert.Equal(SourceNatVerdict.Unchanged, nat.TranslateInbound(packet));
        Assert.Equal(before, packet);
    }

    [Fact]
    public void Traffic_to_the_virtual_address_without_a_connection_is_left_for_the_endpoint_host()
    {
        SourceNatTranslator nat = Create(_clock);
        nat.TranslateOutbound(NatPackets.Udp(HostA, 1111, Server, 53));
        byte[] other = NatPackets.Udp(Server, 53, Virtual, 2222);
        byte[] before = [.. other];

        Assert.Equal(SourceNatVerdict.Unchanged, nat.TranslateInbound(other));
        Assert.Equal(before, other);
    }

    [Fact]
    public void A_reply_from_another_remote_port_does_not_reach_the_inside_host()
    {
        SourceNatTranslator nat = Create(_clock);
        nat.TranslateOutbound(NatPackets.Udp(HostA, 1111, Server, 53));

        Assert.Equal(SourceNatVerdict.Unchanged, nat.TranslateInbound(NatPackets.Udp(Server, 54, Virtual, 1111)));
        Assert.Equal(SourceNatVerdict.Unchanged, nat.TranslateInbound(NatPackets.Udp(Router, 53, Virtual, 1111)));
    }

    [Fact]
    public void Workers_sharing_one_translator_keep_every_flow_apart()
    {
        SourceNatTranslator nat = Create(_clock, capacity: 4096);
        const int Workers = 4, FlowsPerWorker = 500;
        Parallel.For(0, Workers, worker =>
        {
            for (int flow = 0; flow < FlowsPerWorker; flow++)
            {
                string host = $"192.168.88.{1 + worker}";
                ushort port = (ushort)(10_000 + flow);
                byte[] packet = NatPackets.Udp(host, port, Server, 53);
                Assert.Equal(SourceNatVerdict.Translated, nat.TranslateOutbound(packet));
                byte[] reply = NatPackets.Udp(Server, 53, Virtual, NatPackets.SourcePort(packet));
                Assert.Equal(SourceNatVerdict.Translated, nat.TranslateInbound(reply));
                Assert.Equal(NatPackets.Udp(Server, 53, host, port), reply);
            }
        });

        Assert.Equal(Workers * FlowsPerWorker, nat.ConnectionCount);
    }
}
