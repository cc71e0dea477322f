using System.Net;
using IpsecTun.Interop.Tests.Lab;

namespace IpsecTun.Interop.Tests;

/// <summary>
/// A host with two addresses and two peers, one naming a local-address that is not the one its route would
/// pick and one naming none: the endpoint listens on that address and on the wildcard side by side, and each
/// peer's IKE and ESP leave from the address the other side expects of it. The other side tells the peers
/// apart by address only, each with its own key, so a packet from the wrong address fails authentication.
/// </summary>
[Collection(InteropGroup.Name)]
public sealed class IpsecTunLocalAddressTests
{
    private static readonly IPAddress LeftSecond = IPAddress.Parse("10.99.0.11");
    private static readonly IPAddress RightSecond = IPAddress.Parse("10.99.0.12");

    [Fact]
    public void A_peer_with_a_local_address_beside_one_without_speaks_from_its_own_address()
    {
        LabRequirement.EnsureAvailable();
        using var lab = new SiteToSiteLab();
        lab.Left.Ip("addr", "add", $"{LeftSecond}/24", "dev", lab.LeftDevice);
        lab.Right.Ip("addr", "add", $"{RightSecond}/24", "dev", lab.RightDevice);
        lab.Left.Ip("addr", "add", "10.1.1.1/32", "dev", "lo");
        lab.Right.Ip("addr", "add", "10.2.1.1/32", "dev", "lo");
        using var leftDir = new TemporaryDirectory();
        using var rightDir = new TemporaryDirectory();

        // Left: peer a from its second address, peer b from whatever the route picks (its first).
        using var left = new IpsecTunDaemon(lab.Left, leftDir, TwoPeers(
            (SiteToSiteLab.RightOuter, LeftSecond, "10.1.0.0/24", "10.2.0.0/24"),
            (RightSecond, null, "10.1.1.0/24", "10.2.1.0/24")));
        using var right = new IpsecTunDaemon(lab.Right, rightDir, TwoPeers(
            (LeftSecond, SiteToSiteLab.RightOuter, "10.2.0.0/24", "10.1.0.0/24"),
            (SiteToSiteLab.LeftOuter, RightSecond, "10.2.1.0/24", "10.1.1.0/24")));

        foreach (string peer in new[] { "a", "b" })
        {
            CommandResult connect = left.Cli("connect", peer, "--timeout", "30s");
            Assert.True(connect.ExitCode == 0, connect + left.Log + right.Log);
        }

        Assert.True(SiteToSiteLab.Ping(lab.Left, SiteToSiteLab.LeftInside, SiteToSiteLab.RightInside).ExitCode == 0, left.Log + right.Log);
        Assert.True(SiteToSiteLab.Ping(lab.Left, IPAddress.Parse("10.1.1.1"), IPAddress.Parse("10.2.1.1")).ExitCode == 0, left.Log + right.Log);

        IReadOnlyList<Dictionary<string, string>> rows = right.Show("active-peers");
        Assert.Contains(rows, p => p["remote-address"] == LeftSecond.ToString() && p["local-address"] == SiteToSiteLab.RightOuter.ToString());
        Assert.Contains(rows, p => p["remote-address"] == SiteToSiteLab.LeftOuter.ToString() && p["local-address"] == RightSecond.ToString());

        // Raw ESP both ways on every SA: the wildcard raw socket left the second address's datagrams to that address's own socket.
        Assert.All(left.Show("installed-sa"), sa => Assert.NotEqual("0", sa["current-bytes"]));
        Assert.Contains(left.Show("installed-sa"), sa => sa["src-address"] == LeftSecond.ToString());
        Assert.Equal(0, left.Stop());
        Assert.Equal(0, right.Stop());
    }

    private static string TwoPeers(
        (IPAddress Remote, IPAddress? Local, string LocalNet, string RemoteNet) a,
        (IPAddress Remote, IPAddress? Local, string LocalNet, string RemoteNet) b) => $$"""
        {
          "ip": {
            "ipsec": {
              "proposal": [ { "name": "lab", "enc-algorithms": "aes-128-gcm", "pfs-group": "none" } ],
              "peer":     [ { "name": "a", "address": "{{a.Remote}}/32", {{Local(a.Local)}} "exchange-mode": "ike2", "passive": "yes" },
                            { "name": "b", "address": "{{b.Remote}}/32", {{Local(b.Local)}} "exchange-mode": "ike2", "passive": "yes" } ],
              "identity": [ { "peer": "a", "auth-method": "pre-shared-key", "secret": "key of peer a" },
                            { "peer": "b", "auth-method": "pre-shared-key", "secret": "key of peer b" } ],
              "policy":   [ { "src-address": "{{a.LocalNet}}", "dst-address": "{{a.RemoteNet}}", "tunnel": "yes", "peer": "a", "proposal": "lab" },
                            { "src-address": "{{b.LocalNet}}", "dst-address": "{{b.RemoteNet}}", "tunnel": "yes", "peer": "b", "proposal": "lab" } ]
            }
          },
          "ipsectun": { "interface": { "name": "itun0", "mtu": 1400 } }
        }
        """;

    private static string Local(IPAddress? address) => address is null ? "" : $"\"local-address\": \"{address}\",";
}
