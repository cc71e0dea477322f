using System.Net;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Tests.Plan;

/// <summary>
/// The manual's "Site to Site GRE tunnel over IPsec (IKEv2) using DNS": a passive server that generates
/// policies from a template group, and a client that reaches it by DNS name.
/// </summary>
public sealed class GreOverIpsecPlanTests
{
    private const string Server = """
        { "ip": { "ipsec": {
            "profile":      [ { "name": "ike2", "dh-group": "ecp256,modp2048,modp1024", "enc-algorithm": "aes-256,aes-192,aes-128" } ],
            "proposal":     [ { "name": "ike2-gre", "auth-algorithms": "null", "enc-algorithms": "aes-128-gcm", "pfs-group": "none" } ],
            "mode-config":  [ { "name": "ike2-gre", "address": "192.168.99.2", "address-prefix-length": 32, "split-include": "192.168.99.1/32", "system-dns": "no" } ],
            "policy-group": [ { "name": "ike2-gre" } ],
            "policy":       [ { "dst-address": "192.168.99.2/32", "group": "ike2-gre", "proposal": "ike2-gre", "src-address": "192.168.99.1/32", "template": "yes" } ],
            "peer":         [ { "exchange-mode": "ike2", "name": "ike2", "passive": "yes", "profile": "ike2" } ],
            "identity":     [ { "generate-policy": "port-strict", "mode-config": "ike2-gre", "peer": "ike2", "policy-template-group": "ike2-gre", "secret": "test" } ] } } }
        """;

    private const string Client = """
        { "ip": { "ipsec": {
            "profile":      [ { "name": "ike2-gre", "dh-group": "ecp256", "enc-algorithm": "aes-256" } ],
            "proposal":     [ { "name": "ike2-gre", "auth-algorithms": "null", "enc-algorithms": "aes-128-gcm", "pfs-group": "none" } ],
            "mode-config":  [ { "name": "ike2-gre", "responder": "no" } ],
            "policy-group": [ { "name": "ike2-gre" } ],
            "policy":       [ { "dst-address": "192.168.99.1/32", "group": "ike2-gre", "proposal": "ike2-gre", "src-address": "192.168.99.2/32", "template": "yes" } ],
            "peer":         [ { "address": "n.mynetname.net", "exchange-mode": "ike2", "name": "p1.ez", "profile": "ike2-gre" } ],
            "identity":     [ { "generate-policy": "port-strict", "mode-config": "ike2-gre", "peer": "p1.ez", "policy-template-group": "ike2-gre", "secret": "test" } ] } } }
        """;

    [Fact]
    public void The_server_offers_its_template_with_the_template_proposal()
    {
        var plan = ConfigurationText.Plan(Server);
        var peer = Assert.Single(plan.Peers);
        Assert.True(peer.Passive);
        Assert.Equal(IPNetwork.Parse("0.0.0.0/0"), peer.Address.Prefix);
        Assert.Empty(peer.Children); // no encrypt policy: policies are generated from the template
        var child = peer.Settings.Child;
        Assert.Equal(("192.168.99.1", "192.168.99.1"), (child.LocalSelectors[0].StartAddress!.ToString(), child.LocalSelectors[0].EndAddress!.ToString()));
        Assert.Equal("192.168.99.2", child.RemoteSelectors[0].StartAddress!.ToString());
        var proposal = Assert.Single(child.Proposals);
        Assert.Equal(["aes-128-gcm"], proposal.Encryption.Select(e => e.Name));
        Assert.Empty(proposal.Integrity);
        Assert.Null(proposal.PfsGroups);
        Assert.Equal(["aes-256-cbc", "aes-192-cbc", "aes-128-cbc"], Assert.Single(peer.Settings.Proposals).Encryption.Select(e => e.Name));
        Assert.Equal(["sha1"], peer.Settings.Proposals[0].Integrity.Select(i => i.Name)); // hash-algorithm's default
        Assert.Equal(ChildSaMode.Tunnel, child.Mode);
    }

    [Fact]
    public void The_client_names_its_server_by_dns_and_is_not_answered_as_a_responder()
    {
        var plan = ConfigurationText.Plan(Client);
        var peer = Assert.Single(plan.Peers);
        Assert.Equal("n.mynetname.net", peer.Address.HostName);
        Assert.False(peer.Passive);
        Assert.Null(plan.Responders.FindPeer(new IPEndPoint(IPAddress.Parse("10.0.0.2"), 500), new IPEndPoint(IPAddress.Parse("10.0.0.1"), 500)));
        Assert.Equal(["aes-256-cbc"], Assert.Single(peer.Settings.Proposals).Encryption.Select(e => e.Name));
        Assert.Equal(["ecp256"], peer.Settings.Proposals[0].Groups.Select(g => g.Name));
    }
}
