using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using IpsecTun.Interop.Tests.Lab;

namespace IpsecTun.Interop.Tests;

/// <summary>
/// ipsectun as a road-warrior gateway (passive peer for any address, mode-config pool, generate-policy) with
/// strongSwan clients, each in its own namespace on a shared bridge: every client gets its own pool address,
/// the split-include network and the DNS server, and traffic crosses each tunnel both ways.
/// </summary>
[Collection(InteropGroup.Name)]
public sealed partial class RoadWarriorPskTests
{
    [Fact]
    public void StrongSwan_clients_get_pool_addresses_split_include_and_dns_and_traffic_crosses_both_ways()
    {
        LabRequirement.EnsureAvailable();
        using var fleet = new Fleet(2);

        fleet.ConnectAll();

        List<IPAddress> addresses = fleet.VirtualAddresses();
        foreach (StrongSwanDaemon client in fleet.Clients)
        {
            Assert.Contains($"nameserver {RoadWarriorConfig.Dns}", File.ReadAllText(client.ResolvConf), StringComparison.Ordinal);
            Assert.Contains("INTERNAL_IP4_SUBNET", client.Log, StringComparison.Ordinal);
            Assert.Contains($"remote {RoadWarriorConfig.SplitInclude}", client.ListSas(), StringComparison.Ordinal);
        }

        string peers = fleet.Gateway.Cli("show", "active-peers").Output;
        string policies = fleet.Gateway.Cli("show", "policy").Output;
        Assert.All(addresses, a => Assert.Contains(a.ToString(), peers, StringComparison.Ordinal));
        Assert.All(addresses, a => Assert.Contains($"{a}/32", policies, StringComparison.Ordinal));
        fleet.PingBothWays();

        // A client that disconnects and comes back gets its address again, its old policy gone in between.
        fleet.Clients[0].Swanctl("--terminate", "--ike", "rw", "--timeout", "20").EnsureSuccess();
        StrongSwanDaemon.WaitFor(
            () => !fleet.Gateway.Cli("show", "policy").Output.Contains($"{addresses[0]}/32", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "the gateway to remove the client's generated policy");
        Assert.DoesNotContain(addresses[0].ToString(), fleet.Gateway.Cli("show", "active-peers").Output, StringComparison.Ordinal);
        CommandResult again = fleet.Clients[0].Initiate("office");
        Assert.True(again.ExitCode == 0, again + fleet.Gateway.Log);
        Assert.Equal(addresses, fleet.VirtualAddresses());
        fleet.PingBothWays();
        Assert.Equal(0, fleet.Gateway.Stop());
    }

    [Fact]
    public void Twenty_strongSwan_clients_each_with_its_own_virtual_address_and_traffic_both_ways()
    {
        LabRequirement.EnsureAvailable();
        using var fleet = new Fleet(20);

        fleet.ConnectAll();

        fleet.VirtualAddresses();
        fleet.PingBothWays();
        TestContext.Current.TestOutputHelper?.WriteLine(fleet.Gateway.Cli("show", "active-peers").Output);
        Assert.Equal(0, fleet.Gateway.Stop());
    }

    [GeneratedRegex(@"local\s+(10\.77\.0\.\d+)/32")]
    private static partial Regex VirtualAddress();

    /// <summary>The lab with an ipsectun gateway and one strongSwan client per client namespace.</summary>
    private sealed class Fleet : IDisposable
    {
        private readonly RoadWarriorBridgeLab _lab;
        private readonly List<TemporaryDirectory> _directories = [];
        private readonly List<StrongSwanDaemon> _clients = [];

        public Fleet(int clients)
        {
            _lab = new RoadWarriorBridgeLab(clients);
            try
            {
                Gateway = new IpsecTunDaemon(_lab.Gateway, Directory(), RoadWarriorConfig.Gateway(RoadWarriorBridgeLab.GatewayOuter));
                for (int n = 0; n < clients; n++)
                {
                    _clients.Add(new StrongSwanDaemon(_lab.Clients[n], Directory(), RoadWarriorConfig.StrongSwanClient(
                        RoadWarriorBridgeLab.ClientOuter(n), RoadWarriorBridgeLab.GatewayOuter, $"rw{n}@example.com")));
                }
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        public IpsecTunDaemon Gateway { get; } = null!;

        public List<StrongSwanDaemon> Clients => _clients;

        private List<IPAddress> _addresses = [];

        /// <summary>Every client initiates (a few at once, as road warriors arrive) and must succeed.</summary>
        public void ConnectAll()
        {
            var outcomes = new CommandResult[_clients.Count];
            Parallel.For(0, _clients.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, n => outcomes[n] = _clients[n].Initiate("office"));
            for (int n = 0; n < outcomes.Length; n++)
            {
                Assert.True(outcomes[n].ExitCode == 0, $"client {n}: {outcomes[n]}\n{Gateway.Log}");
            }
        }

        /// <summary>Each client's virtual address from its Child SA: distinct, and from the pool.</summary>
        public List<IPAddress> VirtualAddresses()
        {
            _addresses = [.. _clients.Select(c =>
            {
                string sas = c.ListSas();
                Match match = VirtualAddress().Match(sas);
                Assert.True(match.Success, sas);
                return IPAddress.Parse(match.Groups[1].Value);
            })];
            Assert.Equal(_addresses.Count, _addresses.Distinct().Count());
            return _addresses;
        }

        /// <summary>Each client pings the office from its virtual address, and the office pings each virtual address.</summary>
        public void PingBothWays()
        {
            for (int n = 0; n < _clients.Count; n++)
            {
                CommandResult up = SiteToSiteLab.Ping(_lab.Clients[n], _addresses[n], RoadWarriorBridgeLab.GatewayInside, count: 2);
                Assert.True(up.ExitCode == 0, $"client {n}: {up}\n{_clients[n].ListSas()}\n{Gateway.Log}");
                CommandResult down = SiteToSiteLab.Ping(_lab.Gateway, RoadWarriorBridgeLab.GatewayInside, _addresses[n], count: 2);
                Assert.True(down.ExitCode == 0, $"to client {n}: {down}\n{Gateway.Log}");
            }
        }

        public void Dispose()
        {
            _clients.ForEach(c => c.Dispose());
            Gateway?.Dispose();
            _lab.Dispose();
            _directories.ForEach(d => d.Dispose());
        }

        private TemporaryDirectory Directory()
        {
            var directory = new TemporaryDirectory();
            _directories.Add(directory);
            return directory;
        }
    }
}
