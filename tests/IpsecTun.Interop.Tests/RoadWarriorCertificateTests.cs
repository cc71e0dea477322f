using System.Net;
using IpsecTun.Interop.Tests.Lab;

namespace IpsecTun.Interop.Tests;

/// <summary>
/// ipsectun as a road-warrior gateway with certificates from one CA (P-256, made with openssl at test time) and
/// strongSwan clients on a shared bridge, each with its own client certificate. The gateway picks each client's
/// identity by its certificate: the one pinned with match-by=certificate gets that identity's fixed address and
/// DNS server, the others an address from the pool; every client gets the split-include network, and traffic
/// crosses each tunnel both ways.
/// </summary>
[Collection(InteropGroup.Name)]
public sealed class RoadWarriorCertificateTests
{
    private const int Clients = 3;

    [Fact]
    public void Certificate_clients_get_the_mode_config_of_the_identity_their_certificate_picks_and_traffic_crosses_both_ways()
    {
        LabRequirement.EnsureAvailable();
        using var caDirectory = new TemporaryDirectory();
        var ca = new OpensslCa(caDirectory, "Lab road-warrior CA", ecdsa: true);
        (string Certificate, string Key) gateway = ca.Issue("gw", RoadWarriorCertificateConfig.GatewayName);
        var clients = Enumerable.Range(0, Clients).Select(n => ca.Issue($"rw{n}", RoadWarriorCertificateConfig.ClientName(n))).ToList();
        using var fleet = new RoadWarriorFleet(
            Clients,
            directory =>
            {
                Copy(ca.CaCertificate, directory, "ca.pem");
                Copy(gateway.Certificate, directory, "gw.pem");
                Copy(gateway.Key, directory, "gw.key");
                Copy(clients[0].Certificate, directory, "pinned.pem");
                return RoadWarriorCertificateConfig.Gateway(RoadWarriorBridgeLab.GatewayOuter);
            },
            (n, directory) =>
            {
                Copy(ca.CaCertificate, directory, "swanctl/x509ca/ca.pem");
                Copy(clients[n].Certificate, directory, "swanctl/x509/client.pem");
                Copy(clients[n].Key, directory, "swanctl/private/client.key");
                return RoadWarriorCertificateConfig.StrongSwanClient(
                    RoadWarriorBridgeLab.ClientOuter(n), RoadWarriorBridgeLab.GatewayOuter, RoadWarriorCertificateConfig.ClientName(n));
            });

        fleet.ConnectAll();

        List<IPAddress> addresses = fleet.VirtualAddresses();
        Assert.Equal(IPAddress.Parse(RoadWarriorCertificateConfig.PinnedAddress), addresses[0]);
        Assert.All(addresses.Skip(1), a => Assert.StartsWith("10.77.0.", a.ToString(), StringComparison.Ordinal));
        for (int n = 0; n < Clients; n++)
        {
            StrongSwanDaemon client = fleet.Clients[n];
            string dns = n == 0 ? RoadWarriorCertificateConfig.PinnedDns : RoadWarriorConfig.Dns;
            Assert.Equal($"nameserver {dns}", ResolvConfLine(client));
            Assert.Contains($"authentication of '{RoadWarriorCertificateConfig.GatewayName}' with ECDSA_WITH_SHA256_DER successful", client.Log, StringComparison.Ordinal);
            Assert.Contains($"remote {RoadWarriorConfig.SplitInclude}", client.ListSas(), StringComparison.Ordinal);
            Assert.Contains($"sending end entity cert \"O=ipsectun lab, CN=rw{n}\"", client.Log, StringComparison.Ordinal);
            Assert.Contains($"rw: initial contact from {RoadWarriorCertificateConfig.ClientName(n)}", fleet.Gateway.Log, StringComparison.Ordinal);
        }

        IReadOnlyList<Dictionary<string, string>> peers = fleet.Gateway.Show("active-peers");
        IReadOnlyList<Dictionary<string, string>> policies = fleet.Gateway.Show("policy");
        for (int n = 0; n < Clients; n++)
        {
            string outer = RoadWarriorBridgeLab.ClientOuter(n).ToString();
            Dictionary<string, string> peer = Assert.Single(peers, row => row["remote-address"] == outer);
            Assert.Equal("established", peer["state"]);
            Assert.Equal(addresses[n].ToString(), peer["dynamic-address"]);
            Dictionary<string, string> policy = Assert.Single(policies, row => row.GetValueOrDefault("dst-address") == $"{addresses[n]}/32");
            Assert.Equal("yes", policy["dynamic"]);
            Assert.Equal("unique", policy["level"]);
            Assert.Equal("established", policy["ph2-state"]);
        }

        // The pinned client's fixed address is no lease; the others' leases belong to the IDs their certificates carry.
        Assert.Equal(
            Enumerable.Range(1, Clients - 1).Select(n => (addresses[n].ToString(), $"fqdn:{RoadWarriorCertificateConfig.ClientName(n)}")).Order(),
            fleet.Gateway.Show("pool-used").Select(row => (row["address"], row["owner"])).Order());

        fleet.PingBothWays();
        Assert.Equal(0, fleet.Gateway.Stop());
    }

    private static void Copy(string file, TemporaryDirectory directory, string name) => directory.Write(name, File.ReadAllText(file));

    /// <summary>The nameserver line charon's resolve plugin wrote from mode-config.</summary>
    private static string ResolvConfLine(StrongSwanDaemon client) =>
        Assert.Single(File.ReadAllLines(client.ResolvConf), l => l.StartsWith("nameserver", StringComparison.Ordinal)).Split('#')[0].Trim();
}
