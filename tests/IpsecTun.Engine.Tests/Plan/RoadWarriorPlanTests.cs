using System.Net;
using IpsecTun.Engine.Plan;

namespace IpsecTun.Engine.Tests.Plan;

/// <summary>
/// The manual's road-warrior server shape with a pre-shared key: a passive 0.0.0.0/0 peer that hands out
/// addresses by mode-config and generates policies from the built-in ::/0 template of group default.
/// </summary>
public sealed class RoadWarriorPlanTests
{
    private const string Server = """
        { "ip": {
            "ipsec": {
              "profile":     [ { "name": "ike2", "enc-algorithm": "aes-256-gcm,aes-128", "dh-group": "ecp256" } ],
              "mode-config": [ { "name": "rw-conf", "address-pool": "rw-pool", "address-prefix-length": 32, "split-include": "10.5.8.0/24", "system-dns": "no", "static-dns": "10.5.8.1" } ],
              "peer":        [ { "name": "rw", "exchange-mode": "ike2", "passive": "yes", "profile": "ike2", "send-initial-contact": "no" } ],
              "identity":    [ { "peer": "rw", "secret": "road", "generate-policy": "port-strict", "mode-config": "rw-conf", "remote-id": "fqdn:laptop.example.com" },
                               { "peer": "rw", "secret": "phone", "generate-policy": "port-strict", "mode-config": "rw-conf", "remote-id": "user-fqdn:phone@example.com" } ] },
            "pool": [ { "name": "rw-pool", "ranges": "192.168.77.2-192.168.77.254" } ] } }
        """;

    [Fact]
    public void The_default_template_offers_both_families_with_the_default_proposal()
    {
        var peer = Assert.Single(ConfigurationText.Plan(Server).Peers);
        var child = peer.Settings.Child;
        Assert.Equal(["0.0.0.0-255.255.255.255", "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"],
            child.LocalSelectors.Select(s => $"{s.StartAddress}-{s.EndAddress}"));
        Assert.Equal(2, child.RemoteSelectors.Count);
        var proposal = Assert.Single(child.Proposals); // default: aes-256/192/128-cbc with sha1, pfs modp1024
        Assert.Equal(["aes-256-cbc", "aes-192-cbc", "aes-128-cbc"], proposal.Encryption.Select(e => e.Name));
        Assert.Equal(["sha1"], proposal.Integrity.Select(i => i.Name));
        Assert.Equal(TimeSpan.FromMinutes(30), child.Lifetime);
        Assert.Equal(["aes-256-gcm"], peer.Settings.Proposals[0].Encryption.Select(e => e.Name));
    }

    [Fact]
    public void Each_client_is_told_apart_by_its_remote_id()
    {
        var plan = ConfigurationText.Plan(Server);
        var responders = (ResponderConfiguration)plan.Responders;
        var peer = responders.FindPeer(new IPEndPoint(IPAddress.Parse("198.51.100.1"), 4500), new IPEndPoint(IPAddress.Parse("203.0.113.44"), 61000))!;
        var phone = responders.FindIdentity(peer, new Ike.Messages.IdentificationPayload(
            Ike.Messages.PayloadType.IdInitiator, Ike.Messages.IdentificationType.Rfc822Address, "phone@example.com"u8.ToArray()))!;
        Assert.Equal("phone@example.com", phone.RemoteId!.ToString());
        Assert.Null(responders.FindIdentity(peer, new Ike.Messages.IdentificationPayload(
            Ike.Messages.PayloadType.IdInitiator, Ike.Messages.IdentificationType.Fqdn, "phone@example.com"u8.ToArray())));
    }
}
