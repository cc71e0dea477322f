using System.Net;
using IpsecTun.Engine.Plan;
using IpsecTun.Engine.Server;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Tests.Server;

/// <summary>
/// What the endpoint's responder lookup gives each client: the mode-config of the identity its ID chose, and
/// the generate-policy check of its traffic selectors against the identity's template group.
/// </summary>
public sealed class ServerRespondersTests
{
    private static readonly IPEndPoint Local = new(IPAddress.Parse("198.51.100.1"), 500);
    private static readonly IPEndPoint Remote = new(IPAddress.Parse("203.0.113.44"), 500);

    private readonly PoolClock _clock = new();

    [Fact]
    public void Each_identity_of_a_peer_is_chosen_by_remote_id_and_gives_its_own_mode_config()
    {
        ServerResponders responders = Responders("""
            "mode-config": [ { "name": "staff", "address-pool": "staff", "split-include": "10.5.8.0/24", "system-dns": "yes" },
                             { "name": "boss", "address": "192.168.66.2", "address-prefix-length": 24, "system-dns": "no", "static-dns": "10.5.8.1,10.5.8.2" } ],
            "identity": [ { "peer": "rw", "secret": "b", "remote-id": "user-fqdn:boss@example.com", "mode-config": "boss", "generate-policy": "port-strict" },
                          { "peer": "rw", "secret": "s", "mode-config": "staff", "generate-policy": "port-strict" } ] },
            "pool": [ { "name": "staff", "ranges": "192.168.77.2-192.168.77.3" } ],
            "dns": { "servers": "192.0.2.53" }
            """);

        ModeConfigResult boss = Assign(responders, "boss@example.com");
        ModeConfigResult alice = Assign(responders, "alice@example.com");
        ModeConfigResult bob = Assign(responders, "bob@example.com");

        Assert.Equal([IPAddress.Parse("192.168.66.2")], boss.Addresses);
        Assert.Equal(24, boss.Ip4PrefixLength);
        Assert.Equal([IPAddress.Parse("10.5.8.1"), IPAddress.Parse("10.5.8.2")], boss.DnsServers);
        Assert.Empty(boss.SplitNetworks);
        Assert.Equal([IPAddress.Parse("192.168.77.2")], alice.Addresses);
        Assert.Equal([IPAddress.Parse("192.168.77.3")], bob.Addresses);
        // system-dns sends the servers of ip.dns.
        Assert.Equal([IPAddress.Parse("192.0.2.53")], alice.DnsServers);
        Assert.Equal([IPNetwork.Parse("10.5.8.0/24")], alice.SplitNetworks);
        Assert.Null(alice.Ip4PrefixLength);
    }

    [Fact]
    public void An_exhausted_pool_gives_no_address_and_a_lease_comes_back_once_released()
    {
        var modeConfig = new ModeConfigServer(_clock, TimeSpan.FromMinutes(5));
        ServerResponders responders = Responders(OnePoolOfTwo, modeConfig);
        Assign(responders, "a@example.com");
        IPAddress b = Assign(responders, "b@example.com").Addresses.Single();

        Assert.Empty(Assign(responders, "c@example.com").Addresses);

        modeConfig.Release(b);
        _clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal([b], Assign(responders, "c@example.com").Addresses);
        Assert.Equal(2, modeConfig.Leases.Count);
    }

    [Fact]
    public void A_pool_of_the_family_the_client_did_not_ask_for_is_not_leased_from()
    {
        var modeConfig = new ModeConfigServer(_clock, TimeSpan.FromMinutes(5));
        ServerResponders responders = Responders(OnePoolOfTwo, modeConfig);

        Assert.Empty(Assign(responders, "a@example.com", new ModeConfigRequest(Ip4Address: false, Ip6Address: true)).Addresses);
        Assert.Empty(modeConfig.Leases);
    }

    [Fact]
    public void An_ipv6_pool_hands_out_ipv6_addresses()
    {
        ServerResponders responders = Responders("""
            "mode-config": [ { "name": "v6", "address-pool": "v6" } ],
            "identity": [ { "peer": "rw", "secret": "s", "mode-config": "v6" } ] },
            "pool": [ { "name": "v6", "ranges": "fd00:77::10-fd00:77::20" } ]
            """);

        ModeConfigResult result = Assign(responders, "a@example.com", new ModeConfigRequest(Ip4Address: false, Ip6Address: true));

        Assert.Equal([IPAddress.Parse("fd00:77::10")], result.Addresses);
        Assert.Equal(128, result.Ip6PrefixLength);
    }

    [Fact]
    public void An_identity_without_a_responder_mode_config_gives_none()
    {
        ServerResponders responders = Responders("""
            "identity": [ { "peer": "rw", "secret": "s", "mode-config": "request-only" } ] }
            """);

        Assert.Null(responders.AssignModeConfig(Identity(responders, "a@example.com"), IkeIdentity.FromEmail("a@example.com"), new ModeConfigRequest()));
    }

    [Fact]
    public void The_default_group_and_its_any_template_admit_ipv4_selectors_as_proposed()
    {
        ServerResponders responders = Responders("""
            "identity": [ { "peer": "rw", "secret": "s", "generate-policy": "port-strict" } ] }
            """);

        GeneratedSelectors generated = Generate(responders, "192.168.77.5-192.168.77.5", "10.1.0.0-10.1.255.255");

        Assert.Equal(["192.168.77.5-192.168.77.5"], generated.Initiator.Select(Text));
        Assert.Equal(["10.1.0.0-10.1.255.255"], generated.Responder.Select(Text));
    }

    [Fact]
    public void A_template_narrows_a_wider_proposal_and_refuses_one_outside_it()
    {
        ServerResponders responders = Responders(Templates("port-strict"));

        GeneratedSelectors narrowed = Generate(responders, "192.168.77.5-192.168.77.5", "0.0.0.0-255.255.255.255");
        GeneratedSelectors outside = Generate(responders, "172.16.0.5-172.16.0.5", "10.5.8.0-10.5.8.255");

        Assert.Equal(["10.5.8.0-10.5.8.255"], narrowed.Responder.Select(Text));
        Assert.True(outside.IsRefused);
    }

    [Fact]
    public void The_first_admitted_pair_of_several_proposed_selectors_is_agreed_on()
    {
        ServerResponders responders = Responders(Templates("port-strict"));
        IdentificationPayload id = new(PayloadType.IdInitiator, IdentificationType.Rfc822Address, "a@example.com"u8.ToArray());
        IkeSaSettings identity = responders.FindIdentity(responders.FindPeer(Local, Remote)!, id)!;

        GeneratedSelectors generated = responders.GenerateSelectors(
            identity, [Selector("192.168.77.5-192.168.77.5")], [Selector("172.16.0.0-172.16.0.255"), Selector("10.5.8.0-10.5.8.255")])!;

        Assert.Equal(["10.5.8.0-10.5.8.255"], generated.Responder.Select(Text));
    }

    [Fact]
    public void Port_strict_refuses_other_ports_than_the_template_and_port_override_accepts_them()
    {
        string Ported(string mode) => $$"""
            "policy-group": [ { "name": "rw" } ],
            "policy": [ { "group": "rw", "template": "yes", "src-address": "10.5.8.0/24", "dst-address": "192.168.77.0/24", "protocol": "tcp", "src-port": "443" } ],
            "identity": [ { "peer": "rw", "secret": "s", "generate-policy": "{{mode}}", "policy-template-group": "rw" } ] }
            """;
        var https = Selector("10.5.8.0-10.5.8.255", protocol: 6, port: 443);
        var ssh = Selector("10.5.8.0-10.5.8.255", protocol: 6, port: 22);

        Assert.False(Generate(Responders(Ported("port-strict")), "192.168.77.5-192.168.77.5", https).IsRefused);
        Assert.True(Generate(Responders(Ported("port-strict")), "192.168.77.5-192.168.77.5", ssh).IsRefused);
        Assert.False(Generate(Responders(Ported("port-override")), "192.168.77.5-192.168.77.5", ssh).IsRefused);
    }

    [Fact]
    public void Policy_template_group_none_admits_nothing_and_generate_policy_no_keeps_the_identity_selectors()
    {
        ServerResponders none = Responders("""
            "identity": [ { "peer": "rw", "secret": "s", "generate-policy": "port-strict", "policy-template-group": "none" } ] }
            """);
        ServerResponders no = Responders("""
            "identity": [ { "peer": "rw", "secret": "s" } ] }
            """);

        Assert.True(Generate(none, "192.168.77.5-192.168.77.5", "10.1.0.0-10.1.255.255").IsRefused);
        IkeSaSettings identity = Identity(no, "a@example.com");
        Assert.Null(no.GenerateSelectors(identity, [Selector("192.168.77.5-192.168.77.5")], [Selector("10.1.0.0-10.1.255.255")]));
    }

    [Fact]
    public void The_origin_of_a_generated_policy_is_kept_once_for_its_installation()
    {
        ServerResponders responders = Responders(Templates("port-strict"));
        Generate(responders, "192.168.77.5-192.168.77.5", "10.5.8.0-10.5.8.255");
        var selector = new Core.TrafficSelector(Core.IpPrefix.Parse("10.5.8.0/24"), Core.IpPrefix.Parse("192.168.77.5/32"));

        Assert.Equal(new Engine.Runtime.GeneratedPolicyOrigin("rw", "default", "rw"), responders.TakeGenerated(selector));
        Assert.Null(responders.TakeGenerated(selector));
    }

    private const string OnePoolOfTwo = """
        "mode-config": [ { "name": "rw", "address-pool": "rw" } ],
        "identity": [ { "peer": "rw", "secret": "s", "mode-config": "rw" } ] },
        "pool": [ { "name": "rw", "ranges": "192.168.77.2-192.168.77.3" } ]
        """;

    private static string Templates(string mode) => $$"""
        "policy-group": [ { "name": "rw" } ],
        "policy": [ { "group": "rw", "template": "yes", "src-address": "10.5.8.0/24", "dst-address": "192.168.77.0/24" } ],
        "identity": [ { "peer": "rw", "secret": "s", "generate-policy": "{{mode}}", "policy-template-group": "rw" } ] }
        """;

    private ServerResponders Responders(string entries, ModeConfigServer? modeConfig = null)
    {
        EndpointPlan plan = ConfigurationText.Plan($$"""
            { "ip": { "ipsec": { "peer": [ { "name": "rw", "passive": "yes", "exchange-mode": "ike2" } ], {{entries}} } }
            """);
        return new ServerResponders(() => plan, modeConfig ?? new ModeConfigServer(_clock, TimeSpan.FromMinutes(5)), _ => { });
    }

    private static IkeSaSettings Identity(ServerResponders responders, string email) =>
        responders.FindIdentity(
            responders.FindPeer(Local, Remote)!,
            new IdentificationPayload(PayloadType.IdInitiator, IdentificationType.Rfc822Address, System.Text.Encoding.ASCII.GetBytes(email)))!;

    private static ModeConfigResult Assign(ServerResponders responders, string email, ModeConfigRequest? requested = null) =>
        responders.AssignModeConfig(Identity(responders, email), IkeIdentity.FromEmail(email), requested ?? new ModeConfigRequest())!;

    private static GeneratedSelectors Generate(ServerResponders responders, string tsi, string tsr) => Generate(responders, tsi, Selector(tsr));

    private static GeneratedSelectors Generate(ServerResponders responders, string tsi, TrafficSelector tsr) =>
        responders.GenerateSelectors(Identity(responders, "a@example.com"), [Selector(tsi)], [tsr])!;

    private static TrafficSelector Selector(string range, byte protocol = 0, ushort? port = null)
    {
        string[] ends = range.Split('-');
        return TrafficSelector.AddressRange(IPAddress.Parse(ends[0]), IPAddress.Parse(ends[1]), protocol, port ?? 0, port ?? ushort.MaxValue);
    }

    private static string Text(TrafficSelector selector) => $"{selector.StartAddress}-{selector.EndAddress}";
}
