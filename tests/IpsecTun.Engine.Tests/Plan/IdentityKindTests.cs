using System.Security.Cryptography.X509Certificates;
using IpsecTun.Ike.Messages;

namespace IpsecTun.Engine.Tests.Plan;

/// <summary>The ID types of my-id and remote-id beyond addresses and names.</summary>
public sealed class IdentityKindTests
{
    private static IpsecTun.Ike.Settings.IkeSaSettings Settings(string myId, string remoteId) => ConfigurationText.Plan($$"""
        { "ip": { "ipsec": {
            "peer":     [ { "name": "p", "address": "2001:db8::1/128", "exchange-mode": "ike2" } ],
            "identity": [ { "peer": "p", "secret": "s", "my-id": "{{myId}}", "remote-id": "{{remoteId}}" } ] } } }
        """).Peers[0].Settings;

    [Fact]
    public void Key_id_in_hex_is_its_bytes_and_dn_is_its_DER_encoding()
    {
        var settings = Settings("key-id:0x0a0b0c", "dn:CN=peer.example.com,O=Example");
        Assert.Equal(IdentificationType.KeyId, settings.LocalId.Type);
        Assert.Equal([0x0a, 0x0b, 0x0c], settings.LocalId.Data.ToArray());
        Assert.Equal(IdentificationType.DerAsn1Dn, settings.RemoteId!.Type);
        Assert.Equal(new X500DistinguishedName("CN=peer.example.com,O=Example").RawData, settings.RemoteId.Data.ToArray());
    }

    [Fact]
    public void Address_without_a_value_is_the_peers_own_address_and_ignore_accepts_anyone()
    {
        var settings = Settings("address", "ignore");
        Assert.Equal(IdentificationType.Ipv6Address, settings.LocalId.Type); // the unspecified ::, filled in per connection
        Assert.True(IpsecTun.Engine.Plan.AddressIdentity.IsUnspecified(settings.LocalId));
        Assert.Null(settings.RemoteId);

        var pinned = Settings("auto", "address");
        Assert.Equal("2001:db8::1", pinned.RemoteId!.ToString());
    }
}
