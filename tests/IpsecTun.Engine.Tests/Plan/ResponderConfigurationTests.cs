using System.Net;
using System.Text;
using IpsecTun.Engine.Plan;
using IpsecTun.Ike.Messages;

namespace IpsecTun.Engine.Tests.Plan;

/// <summary>The responder finds the peer by the most specific prefix and then the identity by remote-id.</summary>
public sealed class ResponderConfigurationTests
{
    private const string Json = """
        { "ip": { "ipsec": {
            "peer": [ { "name": "anyone", "exchange-mode": "ike2", "passive": "yes" },
                      { "name": "lan",    "address": "192.0.2.0/24", "exchange-mode": "ike2" },
                      { "name": "host",   "address": "192.0.2.7/32", "exchange-mode": "ike2" },
                      { "name": "bound",  "address": "198.51.100.0/24", "exchange-mode": "ike2", "local-address": "203.0.113.1" },
                      { "name": "six",    "address": "2001:db8::/32", "exchange-mode": "ike2" },
                      { "name": "named",  "address": "vpn.example.com", "exchange-mode": "ike2" },
                      { "name": "off",    "address": "192.0.2.8/32", "exchange-mode": "ike2", "disabled": "yes" } ],
            "identity": [ { "peer": "anyone", "secret": "a" },
                          { "peer": "lan",    "secret": "l", "remote-id": "fqdn:alice.example.com", "my-id": "fqdn:gw.example.com" },
                          { "peer": "lan",    "secret": "b", "remote-id": "fqdn:bob.example.com" },
                          { "peer": "host",   "secret": "h" },
                          { "peer": "bound",  "secret": "x" },
                          { "peer": "six",    "secret": "6" },
                          { "peer": "named",  "secret": "n" },
                          { "peer": "off",    "secret": "o" } ] } } }
        """;

    private static readonly IPEndPoint Local = new(IPAddress.Parse("203.0.113.1"), 500);

    private readonly ResponderConfiguration responders = (ResponderConfiguration)ConfigurationText.Plan(Json).Responders;

    private string? PeerFor(string remote, IPEndPoint? local = null) =>
        responders.FindPeer(local ?? Local, new IPEndPoint(IPAddress.Parse(remote), 500)) is { } settings ? responders.PeerNameOf(settings) : null;

    [Theory]
    [InlineData("192.0.2.7", "host")]
    [InlineData("192.0.2.8", "lan")] // the /32 that matches better is disabled
    [InlineData("192.0.2.200", "lan")]
    [InlineData("198.51.100.3", "bound")]
    [InlineData("203.0.113.77", "anyone")]
    [InlineData("::ffff:192.0.2.7", "host")]
    [InlineData("2001:db8::5", "six")]
    public void The_most_specific_enabled_prefix_answers(string remote, string peer) => Assert.Equal(peer, PeerFor(remote));

    [Fact]
    public void A_peer_bound_to_a_local_address_answers_only_requests_to_that_address()
    {
        Assert.Equal("anyone", PeerFor("198.51.100.3", new IPEndPoint(IPAddress.Parse("203.0.113.2"), 500)));
    }

    [Fact]
    public void No_IPv6_peer_but_a_prefix_answers_IPv6_and_dns_named_peers_answer_nobody_before_their_name_resolves()
    {
        Assert.Null(PeerFor("2001:db9::1"));
    }

    [Theory]
    [InlineData("203.0.113.77", "203.0.113.77", "named")] // a single host beats anyone's 0.0.0.0/0
    [InlineData("203.0.113.77", "203.0.113.78", "anyone")]
    [InlineData("192.0.2.200", "192.0.2.200", "named")] // and lan's /24
    public void A_dns_named_peer_answers_the_address_its_name_resolved_to(string resolved, string remote, string peer)
    {
        var settings = responders.FindPeer(
            Local, new IPEndPoint(IPAddress.Parse(remote), 500), name => name == "named" ? IPAddress.Parse(resolved) : null);
        Assert.Equal(peer, settings is null ? null : responders.PeerNameOf(settings));
    }

    [Fact]
    public void The_identity_is_chosen_by_the_remote_id_the_initiator_claims()
    {
        var peer = responders.FindPeer(Local, new IPEndPoint(IPAddress.Parse("192.0.2.9"), 4500))!;
        Assert.Equal("gw.example.com", peer.LocalId.ToString());

        var bob = responders.FindIdentity(peer, Id("bob.example.com"))!;
        Assert.Equal("bob.example.com", bob.RemoteId!.ToString());
        Assert.Equal("lan", responders.PeerNameOf(bob));
        Assert.Equal("203.0.113.1", bob.LocalId.ToString()); // my-id auto: the address the request came to

        var alice = responders.FindIdentity(peer, Id("alice.example.com"))!;
        Assert.Equal("alice.example.com", alice.RemoteId!.ToString());

        Assert.Null(responders.FindIdentity(peer, Id("carol.example.com")));
    }

    [Fact]
    public void Remote_id_auto_accepts_any_identity_and_my_id_auto_is_the_local_address()
    {
        var peer = responders.FindPeer(Local, new IPEndPoint(IPAddress.Parse("203.0.113.77"), 500))!;
        Assert.Equal("203.0.113.1", peer.LocalId.ToString());
        var identity = responders.FindIdentity(peer, Id("whoever.example.net"))!;
        Assert.Null(identity.RemoteId);
    }

    [Fact]
    public void Settings_not_handed_out_by_the_lookup_find_no_identity()
    {
        var plan = ConfigurationText.Plan(Json);
        Assert.Null(plan.Responders.FindIdentity(plan.Peers[0].Settings, Id("bob.example.com")));
    }

    private static IdentificationPayload Id(string fqdn) =>
        new(PayloadType.IdInitiator, IdentificationType.Fqdn, Encoding.ASCII.GetBytes(fqdn));
}
