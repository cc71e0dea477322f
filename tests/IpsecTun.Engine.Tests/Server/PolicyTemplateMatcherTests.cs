using System.Net;
using IpsecTun.Config;
using IpsecTun.Core;
using IpsecTun.Engine.Server;

namespace IpsecTun.Engine.Tests.Server;

/// <summary>Proposals are from the responder's view: source = TSr (the server's side), destination = TSi (the client).</summary>
public sealed class PolicyTemplateMatcherTests
{
    private const string Group = "ike2-policies";

    // The manual's road-warrior server: clients get addresses of 192.168.77.0/24 and may reach anything.
    private static readonly Policy ManualTemplate = Template(src: "0.0.0.0/0", dst: "192.168.77.0/24");

    [Fact]
    public void A_client_proposing_its_pool_address_to_anywhere_is_admitted_as_proposed()
    {
        TrafficSelector proposed = Selector("0.0.0.0/0", "192.168.77.5/32");

        TemplateMatch match = Match([ManualTemplate], proposed, GeneratePolicy.PortStrict);

        Assert.Same(ManualTemplate, match.Template);
        Assert.Equal(proposed, match.Selector);
        Assert.False(match.Narrowed);
    }

    [Fact]
    public void A_client_asking_for_an_address_outside_the_template_is_refused()
    {
        Assert.False(PolicyTemplateMatcher.TryMatch([ManualTemplate], Group, Selector("0.0.0.0/0", "10.9.9.9/32"), GeneratePolicy.PortStrict, out _));
    }

    [Fact]
    public void A_wider_proposal_is_narrowed_to_the_template()
    {
        TemplateMatch match = Match([ManualTemplate], Selector("0.0.0.0/0", "0.0.0.0/0"), GeneratePolicy.PortStrict);

        Assert.True(match.Narrowed);
        Assert.Equal(Selector("0.0.0.0/0", "192.168.77.0/24"), match.Selector);
    }

    [Fact]
    public void A_template_that_contains_the_proposal_wins_over_an_earlier_one_that_would_narrow_it()
    {
        Policy narrow = Template(src: "10.5.8.0/24", dst: "192.168.77.0/24");
        TemplateMatch match = Match([narrow, ManualTemplate], Selector("10.0.0.0/8", "192.168.77.5/32"), GeneratePolicy.PortStrict);

        Assert.Same(ManualTemplate, match.Template);
        Assert.False(match.Narrowed);
    }

    [Theory]
    [InlineData("0.0.0.0/0", "192.168.77.5/32")]
    [InlineData("::/0", "fd00:77::5/128")]
    public void The_default_template_admits_either_family(string source, string destination)
    {
        Policy defaultTemplate = Template(src: "::/0", dst: "::/0", group: PolicyGroup.DefaultName, isDefault: true);
        TrafficSelector proposed = Selector(source, destination);

        Assert.Equal(proposed, Match([defaultTemplate], proposed, GeneratePolicy.PortStrict, PolicyGroup.DefaultName).Selector);
    }

    [Fact]
    public void Templates_of_other_groups_and_disabled_ones_do_not_count()
    {
        Policy other = Template(src: "0.0.0.0/0", dst: "0.0.0.0/0", group: "other");
        Policy disabled = Template(src: "0.0.0.0/0", dst: "0.0.0.0/0", disabled: true);
        Policy plain = Template(src: "0.0.0.0/0", dst: "0.0.0.0/0") with { Template = false };

        Assert.False(PolicyTemplateMatcher.TryMatch([other, disabled, plain], Group, Selector("0.0.0.0/0", "10.1.1.1/32"), GeneratePolicy.PortStrict, out _));
    }

    [Fact]
    public void Generate_policy_no_never_matches()
    {
        Assert.False(PolicyTemplateMatcher.TryMatch([ManualTemplate], Group, Selector("0.0.0.0/0", "192.168.77.5/32"), GeneratePolicy.No, out _));
    }

    [Fact]
    public void A_protocol_template_narrows_an_all_protocol_proposal_and_refuses_another_protocol()
    {
        Policy gre = Template(src: "192.168.99.1/32", dst: "192.168.99.2/32", protocol: 47);

        TemplateMatch match = Match([gre], Selector("192.168.99.1/32", "192.168.99.2/32"), GeneratePolicy.PortStrict);
        Assert.Equal((byte)47, match.Selector.Protocol);
        Assert.True(match.Narrowed);

        TrafficSelector tcp = Selector("192.168.99.1/32", "192.168.99.2/32") with { Protocol = IpProtocol.Tcp };
        Assert.False(PolicyTemplateMatcher.TryMatch([gre], Group, tcp, GeneratePolicy.PortStrict, out _));
    }

    [Fact]
    public void Port_strict_keeps_proposed_ports_that_the_template_allows_and_refuses_others()
    {
        Policy l2tp = Template(src: "0.0.0.0/0", dst: "0.0.0.0/0", protocol: IpProtocol.Udp, srcPort: 1701);
        TrafficSelector proposed = L2tp(PortRange.Of(1701), PortRange.Any);

        Assert.Equal(proposed, Match([l2tp], proposed, GeneratePolicy.PortStrict).Selector);
        Assert.False(PolicyTemplateMatcher.TryMatch([l2tp], Group, L2tp(PortRange.Any, PortRange.Any), GeneratePolicy.PortStrict, out _));
        Assert.False(PolicyTemplateMatcher.TryMatch([l2tp], Group, L2tp(PortRange.Of(1702), PortRange.Any), GeneratePolicy.PortStrict, out _));
    }

    [Fact]
    public void Port_override_ignores_ports_and_generates_an_any_port_policy()
    {
        Policy l2tp = Template(src: "0.0.0.0/0", dst: "0.0.0.0/0", protocol: IpProtocol.Udp, srcPort: 1701);

        TemplateMatch match = Match([l2tp], L2tp(PortRange.Of(1702), PortRange.Of(4500)), GeneratePolicy.PortOverride);

        Assert.Equal(L2tp(PortRange.Any, PortRange.Any), match.Selector);
        Assert.False(match.Narrowed);
    }

    private static TrafficSelector L2tp(PortRange sourcePorts, PortRange destinationPorts) =>
        new(IpPrefix.Parse("203.0.113.1/32"), IpPrefix.Parse("198.51.100.7/32"), IpProtocol.Udp, sourcePorts, destinationPorts);

    private static TemplateMatch Match(Policy[] policies, TrafficSelector proposed, GeneratePolicy mode, string group = Group)
    {
        Assert.True(PolicyTemplateMatcher.TryMatch(policies, group, proposed, mode, out TemplateMatch? match));
        return match!;
    }

    private static TrafficSelector Selector(string source, string destination) => new(IpPrefix.Parse(source), IpPrefix.Parse(destination));

    private static Policy Template(
        string src, string dst, string group = Group, int? protocol = null, int? srcPort = null, int? dstPort = null,
        bool disabled = false, bool isDefault = false) =>
        new(PolicyAction.Encrypt, null, disabled, IPNetwork.Parse(dst), dstPort, group, IpsecProtocol.Esp, PolicyLevel.Unique,
            null, "default", protocol, IPNetwork.Parse(src), srcPort, Template: true, Tunnel: true, isDefault);
}
