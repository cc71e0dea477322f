using System.Net;
using IpsecTun.Core;

namespace IpsecTun.Esp.Tests;

public class SecurityPolicyDatabaseTests
{
    private static SecurityPolicy Policy(string source, string destination, PolicyAction action = PolicyAction.Encrypt) =>
        new(new TrafficSelector(IpPrefix.Parse(source), IpPrefix.Parse(destination))) { Action = action, Tunnel = true };

    private static FlowKey Flow(string source, string destination, ushort destinationPort = 80) =>
        Packets.Key(Packets.Udp(source, destination, 1000, destinationPort, 4));

    [Fact]
    public void First_matching_policy_in_table_order_wins_even_when_a_later_one_is_more_specific()
    {
        var spd = new SecurityPolicyDatabase();
        SecurityPolicy broad = Policy("10.0.0.0/8", "0.0.0.0/0", PolicyAction.None);
        SecurityPolicy specific = Policy("10.1.0.0/16", "192.168.1.0/24");
        spd.Add(broad);
        spd.Add(specific);

        Assert.Same(broad, spd.FindOutbound(Flow("10.1.2.3", "192.168.1.1")));

        spd.Move(specific, 0);
        Assert.Same(specific, spd.FindOutbound(Flow("10.1.2.3", "192.168.1.1")));
        Assert.Same(broad, spd.FindOutbound(Flow("10.2.2.3", "192.168.1.1")));
        Assert.Null(spd.FindOutbound(Flow("11.0.0.1", "192.168.1.1")));
    }

    [Fact]
    public void Disabled_and_template_policies_never_match_traffic()
    {
        var spd = new SecurityPolicyDatabase();
        SecurityPolicy selector = Policy("0.0.0.0/0", "0.0.0.0/0");
        spd.Add(new SecurityPolicy(selector.Selector) { Disabled = true });
        spd.Add(new SecurityPolicy(selector.Selector) { Template = true, Group = "rw" });
        SecurityPolicy dynamic = new(selector.Selector) { Dynamic = true, Action = PolicyAction.Discard };
        spd.Add(dynamic);

        Assert.Same(dynamic, spd.FindOutbound(Flow("1.2.3.4", "5.6.7.8")));
    }

    [Fact]
    public void Protocol_and_ports_take_part_in_first_match()
    {
        var spd = new SecurityPolicyDatabase();
        var any = new TrafficSelector(IpPrefix.Parse("0.0.0.0/0"), IpPrefix.Parse("0.0.0.0/0"));
        SecurityPolicy dns = new(any with { Protocol = IpProtocol.Udp, DestinationPorts = PortRange.Of(53) }) { Action = PolicyAction.None };
        SecurityPolicy tcp = new(any with { Protocol = IpProtocol.Tcp }) { Action = PolicyAction.Discard };
        SecurityPolicy rest = new(any);
        spd.Add(dns);
        spd.Add(tcp);
        spd.Add(rest);

        Assert.Same(dns, spd.FindOutbound(Flow("1.1.1.1", "2.2.2.2", 53)));
        Assert.Same(rest, spd.FindOutbound(Flow("1.1.1.1", "2.2.2.2", 54)));
    }

    [Fact]
    public void Ipv6_policies_match_ipv6_packets_only()
    {
        var spd = new SecurityPolicyDatabase();
        SecurityPolicy v4 = Policy("0.0.0.0/0", "0.0.0.0/0");
        SecurityPolicy v6 = Policy("2001:db8:1::/48", "2001:db8:2::/48");
        spd.Add(v4);
        spd.Add(v6);

        Assert.Same(v6, spd.FindOutbound(Flow("2001:db8:1::5", "2001:db8:2::9")));
        Assert.Null(spd.FindOutbound(Flow("2001:db8:3::5", "2001:db8:2::9")));
        Assert.Same(v4, spd.FindOutbound(Flow("10.0.0.1", "10.0.0.2")));
    }

    [Fact]
    public void Transport_policy_only_matches_packets_between_its_sa_addresses()
    {
        var spd = new SecurityPolicyDatabase();
        SecurityPolicy transport = new(new TrafficSelector(IpPrefix.Parse("0.0.0.0/0"), IpPrefix.Parse("0.0.0.0/0")))
        {
            SaSource = IPAddress.Parse("198.51.100.1"),
            SaDestination = IPAddress.Parse("203.0.113.1"),
        };
        spd.Add(transport);

        Assert.Same(transport, spd.FindOutbound(Flow("198.51.100.1", "203.0.113.1")));
        Assert.Null(spd.FindOutbound(Flow("198.51.100.1", "203.0.113.2")));
        Assert.Null(spd.FindOutbound(Flow("10.0.0.1", "203.0.113.1")));
    }

    [Fact]
    public void Inbound_lookup_matches_the_packet_from_the_peer_side()
    {
        var spd = new SecurityPolicyDatabase();
        SecurityPolicy policy = Policy("10.1.0.0/16", "10.2.0.0/16");
        spd.Add(policy);

        Assert.Same(policy, spd.FindInbound(Flow("10.2.0.7", "10.1.0.9")));
        Assert.Null(spd.FindInbound(Flow("10.1.0.9", "10.2.0.7")));
    }

    [Fact]
    public void Replace_and_remove_take_effect_on_the_next_lookup()
    {
        var spd = new SecurityPolicyDatabase();
        SecurityPolicy original = Policy("10.0.0.0/8", "0.0.0.0/0");
        spd.Add(original);
        FlowKey flow = Flow("10.0.0.1", "8.8.8.8");
        Assert.Same(original, spd.FindOutbound(flow));

        SecurityPolicy disabled = new(original.Selector) { Disabled = true };
        Assert.True(spd.Replace(original, disabled));
        Assert.Null(spd.FindOutbound(flow));

        spd.Insert(0, original);
        Assert.Same(original, spd.FindOutbound(flow));
        Assert.True(spd.Remove(original));
        Assert.Null(spd.FindOutbound(flow));
    }

    [Fact]
    public void Indexed_lookup_agrees_with_a_linear_first_match_scan_over_thousands_of_policies()
    {
        var random = new Random(42);
        var spd = new SecurityPolicyDatabase();
        var policies = new List<SecurityPolicy>();
        int[] lengths = [0, 8, 16, 24, 32];
        for (int i = 0; i < 3000; i++)
        {
            string src = $"10.{random.Next(4)}.{random.Next(4)}.{random.Next(4)}/{lengths[random.Next(lengths.Length)]}";
            string dst = $"10.{random.Next(4)}.{random.Next(4)}.{random.Next(4)}/{lengths[random.Next(1, lengths.Length)]}";
            var selector = new TrafficSelector(IpPrefix.Parse(src), IpPrefix.Parse(dst));
            if (random.Next(4) == 0)
            {
                selector = selector with { Protocol = IpProtocol.Udp, DestinationPorts = PortRange.Of((ushort)random.Next(50, 54)) };
            }

            var policy = new SecurityPolicy(selector) { Disabled = random.Next(20) == 0, Tunnel = true };
            policies.Add(policy);
            spd.Add(policy);
            if (i % 7 == 0)
            {
                // Lookups between appends go through the index and its tail of recent additions.
                AssertAgrees(random, spd, policies, 3);
            }
        }

        AssertAgrees(random, spd, policies, 5000);
    }

    private static void AssertAgrees(Random random, SecurityPolicyDatabase spd, List<SecurityPolicy> policies, int lookups)
    {
        for (int i = 0; i < lookups; i++)
        {
            FlowKey flow = Flow($"10.{random.Next(4)}.{random.Next(4)}.{random.Next(4)}", $"10.{random.Next(4)}.{random.Next(4)}.{random.Next(4)}", (ushort)random.Next(50, 54));
            SecurityPolicy? expected = policies.FirstOrDefault(p => !p.Disabled && p.Selector.Matches(flow));
            Assert.Same(expected, spd.FindOutbound(flow));
        }
    }
}
