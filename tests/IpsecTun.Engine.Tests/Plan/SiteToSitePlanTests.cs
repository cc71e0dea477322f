using System.Net;
using IpsecTun.Core;
using IpsecTun.Crypto;
using IpsecTun.Engine.Plan;
using IpsecTun.Esp;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Tests.Plan;

/// <summary>A PSK site-to-site gateway (the configuration issue's example shape) planned setting by setting.</summary>
public sealed class SiteToSitePlanTests
{
    internal const string Json = """
        {
          "ip": {
            "ipsec": {
              "profile":  [ { "name": "ike2", "dh-group": "ecp256,modp2048", "enc-algorithm": "aes-256,aes-128-gcm",
                              "hash-algorithm": "sha256", "lifetime": "8h", "dpd-interval": "30s" } ],
              "proposal": [ { "name": "esp", "auth-algorithms": "sha256,sha1", "enc-algorithms": "aes-128-gcm,aes-256-cbc",
                              "pfs-group": "modp2048", "lifetime": "45m" } ],
              "peer":     [ { "name": "office", "address": "198.51.100.1/32", "exchange-mode": "ike2", "profile": "ike2",
                              "local-address": "203.0.113.5", "port": 4501, "send-initial-contact": "no" },
                            { "name": "branch", "address": "192.0.2.0/24", "exchange-mode": "ike2", "passive": "yes" },
                            { "name": "old", "address": "198.51.100.9/32", "exchange-mode": "ike2", "disabled": "yes" } ],
              "identity": [ { "peer": "office", "secret": "0x0123456789abcdef", "my-id": "fqdn:gw.example.com",
                              "remote-id": "user-fqdn:office@example.com" },
                            { "peer": "branch", "secret": "branch-psk" },
                            { "peer": "old", "secret": "old-psk" } ],
              "policy":   [ { "src-address": "10.1.0.0/24", "dst-address": "10.2.0.0/24", "tunnel": "yes", "peer": "office", "proposal": "esp" },
                            { "src-address": "10.1.0.0/24", "dst-address": "10.3.0.0/24", "protocol": "tcp", "dst-port": "443",
                              "tunnel": "yes", "peer": "office", "proposal": "esp", "level": "unique" },
                            { "src-address": "10.1.0.0/24", "dst-address": "10.9.0.0/16", "action": "discard" },
                            { "src-address": "10.1.0.0/24", "dst-address": "10.4.0.0/24", "tunnel": "yes", "peer": "branch", "disabled": "yes" } ]
            }
          },
          "ipsectun": { "ike-fragment-size": 1200 }
        }
        """;

    private readonly EndpointPlan plan = ConfigurationText.Plan(Json);

    [Fact]
    public void Disabled_peers_are_left_out_and_the_rest_keep_their_order()
    {
        Assert.Equal(["office", "branch"], plan.Peers.Select(p => p.Name));
        Assert.Null(plan.FindPeer("old"));
    }

    [Fact]
    public void The_peer_keeps_address_port_local_address_and_passive()
    {
        var office = plan.FindPeer("office")!;
        Assert.Equal(IPNetwork.Parse("198.51.100.1/32"), office.Address.Prefix);
        Assert.Equal(4501, office.RemotePort);
        Assert.Equal(IPAddress.Parse("203.0.113.5"), office.LocalAddress);
        Assert.False(office.Passive);
        var branch = plan.FindPeer("branch")!;
        Assert.Equal((500, null, true), (branch.RemotePort, branch.LocalAddress, branch.Passive));
    }

    [Fact]
    public void The_profile_becomes_an_AEAD_proposal_with_the_PRF_alone_and_a_CBC_proposal_with_integrity()
    {
        var proposals = plan.FindPeer("office")!.Settings.Proposals;
        Assert.Equal(2, proposals.Count);
        Assert.Equal(["aes-256-cbc"], proposals[0].Encryption.Select(a => a.Name));
        Assert.Equal([PrfTransformId.HmacSha2_256], proposals[0].Prf.Select(p => p.Id));
        Assert.Equal([IntegrityTransformId.HmacSha2_256_128], proposals[0].Integrity.Select(i => i.Id));
        Assert.Equal(["aes-128-gcm"], proposals[1].Encryption.Select(a => a.Name));
        Assert.Equal([PrfTransformId.HmacSha2_256], proposals[1].Prf.Select(p => p.Id));
        Assert.Empty(proposals[1].Integrity);
        Assert.All(proposals, p => Assert.Equal(["ecp256", "modp2048"], p.Groups.Select(g => g.Name)));
    }

    [Fact]
    public void Lifetime_dpd_initial_contact_and_fragment_size_come_from_profile_peer_and_endpoint()
    {
        var settings = plan.FindPeer("office")!.Settings;
        Assert.Equal(TimeSpan.FromHours(8), settings.Lifetime);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.DpdInterval);
        Assert.False(settings.SendInitialContact);
        Assert.Equal(1200, settings.FragmentSize);
        Assert.True(plan.FindPeer("branch")!.Settings.SendInitialContact);
    }

    [Fact]
    public void My_id_and_remote_id_become_typed_identities()
    {
        var settings = plan.FindPeer("office")!.Settings;
        Assert.Equal((IdentificationType.Fqdn, "gw.example.com"), (settings.LocalId.Type, settings.LocalId.ToString()));
        Assert.Equal((IdentificationType.Rfc822Address, "office@example.com"), (settings.RemoteId!.Type, settings.RemoteId.ToString()));
    }

    [Fact]
    public void My_id_auto_is_the_local_address_and_remote_id_auto_accepts_anyone()
    {
        var settings = plan.FindPeer("branch")!.Settings;
        Assert.Equal(IdentificationType.Ipv4Address, settings.LocalId.Type);
        Assert.True(AddressIdentity.IsUnspecified(settings.LocalId));
        Assert.Null(settings.RemoteId);
        var resolved = AddressIdentity.Resolve(settings, IPAddress.Parse("192.0.2.200"), IPAddress.Parse("192.0.2.1"));
        Assert.Equal("192.0.2.200", resolved.LocalId.ToString());
    }

    [Fact]
    public void Every_policy_enters_the_table_in_configured_order()
    {
        var policies = plan.Policies.Where(p => !p.Template).ToList();
        Assert.Equal(4, policies.Count);
        Assert.Equal(IpPrefix.Parse("10.2.0.0/24"), policies[0].Selector.Destination);
        Assert.Equal((Esp.PolicyAction.Encrypt, true, "office"), (policies[0].Action, policies[0].Tunnel, policies[0].Peer));
        Assert.Equal(IPAddress.Parse("198.51.100.1"), policies[0].SaDestination);
        Assert.Equal(IPAddress.Parse("203.0.113.5"), policies[0].SaSource);
        Assert.Equal(((byte?)IpProtocol.Tcp, PortRange.Of(443), PortRange.Any), (policies[1].Selector.Protocol, policies[1].Selector.DestinationPorts, policies[1].Selector.SourcePorts));
        Assert.Equal(Esp.PolicyLevel.Unique, policies[1].Level);
        Assert.Equal(Esp.PolicyAction.Discard, policies[2].Action);
        Assert.True(policies[3].Disabled);
        Assert.Null(policies[3].SaDestination); // branch is a /24: the SA's address is learnt at negotiation
        Assert.Contains(plan.Policies, p => p.Template && p.Group == "default");
    }

    [Fact]
    public void Each_enabled_encrypt_policy_naming_a_peer_is_one_child_with_its_proposal_and_selectors()
    {
        var office = plan.FindPeer("office")!;
        Assert.Equal(2, office.Children.Count);
        Assert.Same(plan.Policies.First(p => p.Peer == "office"), office.Children[0].Policy);
        var child = office.Children[1].Settings;
        var local = Assert.Single(child.LocalSelectors);
        var remote = Assert.Single(child.RemoteSelectors);
        Assert.Equal((IPAddress.Parse("10.1.0.0"), IPAddress.Parse("10.1.0.255"), (byte)6, (ushort)0, ushort.MaxValue),
            (local.StartAddress, local.EndAddress, local.Protocol, local.StartPort, local.EndPort));
        Assert.Equal((IPAddress.Parse("10.3.0.0"), IPAddress.Parse("10.3.0.255"), (byte)6, (ushort)443, (ushort)443),
            (remote.StartAddress, remote.EndAddress, remote.Protocol, remote.StartPort, remote.EndPort));
        Assert.Equal((ChildSaMode.Tunnel, TimeSpan.FromMinutes(45)), (child.Mode, child.Lifetime));
        Assert.Same(office.Children[0].Settings, office.Settings.Child);
        Assert.Empty(plan.FindPeer("branch")!.Children); // its only policy is disabled
    }

    [Fact]
    public void The_proposal_becomes_an_AEAD_ESP_proposal_and_a_CBC_one_with_the_auth_algorithms_and_pfs_group()
    {
        var proposals = plan.FindPeer("office")!.Children[0].Settings.Proposals;
        Assert.Equal(2, proposals.Count);
        Assert.Equal(["aes-128-gcm"], proposals[0].Encryption.Select(a => a.Name));
        Assert.Empty(proposals[0].Integrity);
        Assert.Equal(["aes-256-cbc"], proposals[1].Encryption.Select(a => a.Name));
        Assert.Equal(["sha256", "sha1"], proposals[1].Integrity.Select(i => i.Name));
        Assert.All(proposals, p => Assert.Equal(["modp2048"], p.PfsGroups!.Select(g => g.Name)));
    }
}
