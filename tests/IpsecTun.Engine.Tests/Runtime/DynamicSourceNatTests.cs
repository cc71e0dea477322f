using System.Buffers.Binary;
using System.Net;
using IpsecTun.Core;
using IpsecTun.Engine.Runtime;
using IpsecTun.Engine.Tests.Runtime.Fakes;
using IpsecTun.Esp;

namespace IpsecTun.Engine.Tests.Runtime;

public sealed class DynamicSourceNatTests
{
    private static readonly IpPrefix[] Lan = [IpPrefix.Parse("192.168.88.0/24")];
    private static readonly IPAddress Virtual = IPAddress.Parse("192.168.77.254");
    private readonly object _office = new();
    private readonly object _branch = new();
    private readonly FakeClock _clock = new();
    private readonly DynamicSourceNat _nat;

    public DynamicSourceNatTests() => _nat = new DynamicSourceNat(_clock);

    [Fact]
    public void Without_rules_packets_pass_unchanged()
    {
        byte[] packet = TestPackets.Udp("192.168.88.10", "10.5.8.1", 53, "q");
        byte[] before = [.. packet];

        Assert.Equal(SourceNatVerdict.Unchanged, _nat.TranslateOutbound(packet));
        Assert.Equal(SourceNatVerdict.Unchanged, _nat.TranslateInbound(packet));
        Assert.Equal(before, packet);
    }

    [Fact]
    public void A_rule_translates_towards_its_split_include_networks_only()
    {
        Assert.True(_nat.Apply(_office, Virtual, Lan, [IPNetwork.Parse("10.5.8.0/24"), IPNetwork.Parse("192.168.55.0/24")], out bool changed));
        Assert.True(changed);

        byte[] toOffice = TestPackets.Udp("192.168.88.10", "192.168.55.3", 53, "q");
        byte[] elsewhere = TestPackets.Udp("192.168.88.10", "172.16.1.1", 53, "q");
        Assert.Equal(SourceNatVerdict.Translated, _nat.TranslateOutbound(toOffice));
        Assert.Equal(Virtual, new IPAddress(toOffice.AsSpan(12, 4)));
        Assert.Equal(SourceNatVerdict.Unchanged, _nat.TranslateOutbound(elsewhere));
        Assert.Equal(1, _nat.ConnectionCount);
    }

    [Fact]
    public void Without_split_include_everything_beyond_the_lan_is_translated()
    {
        _nat.Apply(_office, Virtual, Lan, [], out _);

        Assert.Equal(SourceNatVerdict.Translated, _nat.TranslateOutbound(TestPackets.Udp("192.168.88.10", "172.16.1.1", 53, "q")));
        Assert.Equal(SourceNatVerdict.Unchanged, _nat.TranslateOutbound(TestPackets.Udp("192.168.88.10", "192.168.88.1", 53, "q")));
    }

    [Fact]
    public void The_same_rule_again_keeps_its_connections_and_another_address_replaces_them()
    {
        _nat.Apply(_office, Virtual, Lan, [], out _);
        _nat.TranslateOutbound(TestPackets.Udp("192.168.88.10", "10.5.8.1", 53, "q"));

        Assert.True(_nat.Apply(_office, Virtual, Lan, [], out bool again));
        Assert.False(again);
        Assert.Equal(1, _nat.ConnectionCount);

        Assert.True(_nat.Apply(_office, IPAddress.Parse("192.168.77.200"), Lan, [], out bool replaced));
        Assert.True(replaced);
        Assert.Equal(0, _nat.ConnectionCount);
        Assert.Equal(1, _nat.RuleCount);
    }

    [Fact]
    public void Replies_reach_the_inside_host_of_whichever_rule_made_the_connection()
    {
        _nat.Apply(_office, Virtual, Lan, [IPNetwork.Parse("10.5.8.0/24")], out _);
        _nat.Apply(_branch, IPAddress.Parse("172.20.0.9"), Lan, [IPNetwork.Parse("10.6.0.0/16")], out _);
        byte[] toBranch = TestPackets.Udp("192.168.88.10", "10.6.1.1", 53, "q");
        Assert.Equal(SourceNatVerdict.Translated, _nat.TranslateOutbound(toBranch));
        Assert.Equal(IPAddress.Parse("172.20.0.9"), new IPAddress(toBranch.AsSpan(12, 4)));

        byte[] reply = TestPackets.Udp("10.6.1.1", "172.20.0.9", 40000, "a");
        BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(20), 53);
        Assert.Equal(SourceNatVerdict.Translated, _nat.TranslateInbound(reply));
        Assert.Equal(IPAddress.Parse("192.168.88.10"), new IPAddress(reply.AsSpan(16, 4)));
        Assert.Equal(2, _nat.Statistics[SourceNatCounter.OutboundTranslated] + _nat.Statistics[SourceNatCounter.InboundTranslated]);
    }

    [Fact]
    public void An_ipv6_only_result_or_an_empty_list_removes_the_rule()
    {
        _nat.Apply(_office, Virtual, Lan, [], out _);

        Assert.False(_nat.Apply(_office, IPAddress.Parse("fd00::5"), Lan, [], out bool changed));
        Assert.True(changed);
        Assert.Equal(0, _nat.RuleCount);
        Assert.False(_nat.Apply(_office, Virtual, [IpPrefix.Parse("fd00:88::/64")], [], out _));
        Assert.Equal(0, _nat.RuleCount);
    }

    [Fact]
    public void Removing_and_clearing_end_the_rules_and_the_statistics_stay()
    {
        _nat.Apply(_office, Virtual, Lan, [], out _);
        _nat.Apply(_branch, IPAddress.Parse("172.20.0.9"), [IpPrefix.Parse("192.168.99.0/24")], [], out _);
        _nat.TranslateOutbound(TestPackets.Udp("192.168.88.10", "10.5.8.1", 53, "q"));

        Assert.True(_nat.Remove(_office));
        Assert.False(_nat.Remove(_office));
        Assert.Equal(1, _nat.RuleCount);
        _nat.Clear();
        Assert.Equal(0, _nat.RuleCount);
        Assert.Equal(1, _nat.Statistics[SourceNatCounter.OutboundTranslated]);
    }

    [Fact]
    public void Idle_connections_are_swept_after_their_timeout()
    {
        _nat.Apply(_office, Virtual, Lan, [], out _);
        _nat.TranslateOutbound(TestPackets.Udp("192.168.88.10", "10.5.8.1", 53, "q"));
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(0, _nat.RemoveExpired());

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, _nat.RemoveExpired());
        Assert.Equal(0, _nat.ConnectionCount);
    }
}
