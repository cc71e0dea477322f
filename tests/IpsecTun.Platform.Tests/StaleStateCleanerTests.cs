using System.Diagnostics;
using System.Net;
using System.Runtime.Versioning;
using System.Text.Json;
using System.Text.Json.Nodes;
using IpsecTun.Platform.State;

namespace IpsecTun.Platform.Tests;

[SupportedOSPlatform("linux")]
public sealed partial class StaleStateCleanerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ipsectun-state-").FullName;

    private string StatePath => Path.Combine(_directory, "test.state");

    [Fact]
    public void What_a_crashed_run_left_is_removed_device_routes_and_addresses()
    {
        IsolatedNetwork.Run(() =>
        {
            var uplink = new UplinkFixture();
            // A persistent TUN stands for a device that outlived its process.
            IpCommand.Json("tuntap", "add", "dev", "iptstale", "mode", "tun");
            IpCommand.Json("link", "set", "iptstale", "up");
            int tun = IpCommand.Json("link", "show", "dev", "iptstale")[0].GetProperty("ifindex").GetInt32();
            var peer = IPAddress.Parse("198.51.100.7");

            var state = new StateFile(StatePath);
            state.RecordDevice("iptstale", tun);
            var network = new RecordingNetworkConfigurator(new NetlinkNetworkConfigurator(), state);
            network.AddAddress(uplink.Index, IPAddress.Parse("10.99.0.50"), 32);
            network.AddAddress(tun, IPAddress.Parse("10.77.0.1"), 24);
            network.AddRoute(new RouteEntry(peer, 32, uplink.Index, UplinkFixture.GatewayV4, 5));
            network.AddRoute(new RouteEntry(IPAddress.Parse("fd78::"), 64, tun, null, 9));
            MarkOwnerDead();

            StaleCleanupReport report = StaleStateCleaner.Clean(StatePath);

            Assert.True(report.Found);
            Assert.False(report.OwnerRunning);
            Assert.Empty(report.Failures);
            Assert.Equal(5, report.Removed);
            Assert.DoesNotContain("iptstale", IpCommand.LinkNames());
            Assert.Empty(IpCommand.Json("-4", "route", "show", "exact", "198.51.100.7").EnumerateArray());
            Assert.DoesNotContain("10.99.0.50", IpCommand.Json("addr", "show", "dev", UplinkFixture.Name).GetRawText(), StringComparison.Ordinal);
            Assert.False(File.Exists(StatePath));
        });
    }

    [Fact]
    public void A_crashed_runs_policy_routing_rule_and_table_route_are_removed()
    {
        IsolatedNetwork.Run(() =>
        {
            var uplink = new UplinkFixture();
            var state = new StateFile(StatePath);
            var network = new RecordingNetworkConfigurator(new NetlinkNetworkConfigurator(), state);
            var peer = IPAddress.Parse("10.99.0.7");
            network.AddRoute(new RouteEntry(peer, 32, uplink.Index, UplinkFixture.GatewayV4) { Table = PolicyRouting.Table, PreferredSource = UplinkFixture.LocalV4 });
            foreach (RoutingRule rule in PolicyRouting.RulesFor(System.Net.Sockets.AddressFamily.InterNetwork))
            {
                network.AddRule(rule);
            }

            string recorded = File.ReadAllText(StatePath);
            Assert.Contains("\"interNetwork\"", recorded, StringComparison.OrdinalIgnoreCase);
            MarkOwnerDead();

            StaleCleanupReport report = StaleStateCleaner.Clean(StatePath);

            Assert.Empty(report.Failures);
            Assert.Equal(4, report.Removed);
            Assert.DoesNotContain("450", IpCommand.Json("rule", "show").GetRawText(), StringComparison.Ordinal);
            Assert.Empty(IpCommand.Json("route", "show", "table", "all", "exact", "10.99.0.7").EnumerateArray());
        });
    }

    [Fact]
    public void Entries_already_gone_and_a_device_name_now_used_by_another_device_are_left_alone()
    {
        IsolatedNetwork.Run(() =>
        {
            var uplink = new UplinkFixture();
            IpCommand.Json("tuntap", "add", "dev", "iptother", "mode", "tun");
            int other = IpCommand.Json("link", "show", "dev", "iptother")[0].GetProperty("ifindex").GetInt32();

            var state = new StateFile(StatePath);
            state.RecordDevice("iptother", other + 100);
            state.Record(new InterfaceAddress(uplink.Index, IPAddress.Parse("10.99.0.60"), 32));
            state.Record(new RouteEntry(IPAddress.Parse("198.51.100.9"), 32, uplink.Index, UplinkFixture.GatewayV4));
            state.Record(new RouteEntry(IPAddress.Parse("10.78.0.0"), 24, other + 200));
            MarkOwnerDead();

            StaleCleanupReport report = StaleStateCleaner.Clean(StatePath);

            Assert.Empty(report.Failures);
            Assert.Equal(0, report.Removed);
            Assert.Equal(4, report.AlreadyGone);
            Assert.Contains("iptother", IpCommand.LinkNames());
            Assert.False(File.Exists(StatePath));
        });
    }

    [Fact]
    public void Nothing_is_touched_while_the_owner_still_runs()
    {
        IsolatedNetwork.Run(() =>
        {
            var uplink = new UplinkFixture();
            var state = new StateFile(StatePath);
            using var network = new RecordingNetworkConfigurator(new NetlinkNetworkConfigurator(), state);
            network.AddAddress(uplink.Index, IPAddress.Parse("10.99.0.70"), 32);

            StaleCleanupReport report = StaleStateCleaner.Clean(StatePath);

            Assert.True(report.OwnerRunning);
            Assert.Contains("10.99.0.70", IpCommand.Json("addr", "show", "dev", UplinkFixture.Name).GetRawText(), StringComparison.Ordinal);
            Assert.True(File.Exists(StatePath));
        });
    }

    [Fact]
    public void A_clean_exit_empties_the_lists_and_a_missing_file_is_nothing_to_clean()
    {
        IsolatedNetwork.Run(() =>
        {
            var uplink = new UplinkFixture();
            var state = new StateFile(StatePath);
            var network = new RecordingNetworkConfigurator(new NetlinkNetworkConfigurator(), state);
            network.AddRoute(new RouteEntry(IPAddress.Parse("198.51.100.7"), 32, uplink.Index, UplinkFixture.GatewayV4));
            Assert.Single(Read().Routes);

            network.Dispose();
            Assert.Empty(Read().Routes);
            state.Delete();

            Assert.Same(StaleCleanupReport.NothingFound, StaleStateCleaner.Clean(StatePath));
        });
    }

    [Fact]
    public void A_failed_change_is_not_left_in_the_state_file()
    {
        IsolatedNetwork.Run(() =>
        {
            var uplink = new UplinkFixture();
            var state = new StateFile(StatePath);
            using var network = new RecordingNetworkConfigurator(new NetlinkNetworkConfigurator(), state);

            // The uplink already holds this address: the kernel refuses it with EEXIST.
            Assert.Throws<System.ComponentModel.Win32Exception>(() => network.AddAddress(uplink.Index, UplinkFixture.LocalV4, 24));

            Assert.Empty(Read().Addresses);
        });
    }

    [Fact]
    public void Invalid_entries_are_reported_one_by_one_and_the_valid_ones_still_removed()
    {
        IsolatedNetwork.Run(() =>
        {
            var uplink = new UplinkFixture();
            IpCommand.Json("addr", "add", "10.99.0.80/32", "dev", UplinkFixture.Name);
            File.WriteAllText(StatePath, $$"""
                { "processId": {{DeadProcessId()}}, "processStartTime": "2020-01-01T00:00:00Z",
                  "device": { "name": "a-name-longer-than-fifteen", "interfaceIndex": 99 },
                  "addresses": [ { "interfaceIndex": {{uplink.Index}}, "address": "10.99.0.80", "prefixLength": 32 },
                                 { "interfaceIndex": {{uplink.Index}}, "address": "not-an-address", "prefixLength": 32 } ],
                  "routes": [ { "destination": "198.51.100.1", "prefixLength": 24, "interfaceIndex": {{uplink.Index}}, "gateway": null, "metric": 0 } ] }
                """);

            StaleCleanupReport report = StaleStateCleaner.Clean(StatePath);

            Assert.Equal(1, report.Removed);
            Assert.Equal(3, report.Failures.Count); // host bits in the route, the address text, the device name
            Assert.DoesNotContain("10.99.0.80", IpCommand.Json("addr", "show", "dev", UplinkFixture.Name).GetRawText(), StringComparison.Ordinal);
            Assert.False(File.Exists(StatePath));
        });
    }

    [Fact]
    public void An_unreadable_state_file_is_reported_and_removed()
    {
        File.WriteAllText(StatePath, "{ \"processId\": ");

        StaleCleanupReport report = StaleStateCleaner.Clean(StatePath);

        Assert.True(report.Found);
        Assert.Single(report.Failures);
        Assert.False(File.Exists(StatePath));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private ConfigurationState Read()
    {
        Assert.True(StateFile.TryRead(StatePath, out ConfigurationState? state));
        return state!;
    }

    private static int DeadProcessId()
    {
        using Process exited = Process.Start("true")!;
        exited.WaitForExit();
        return exited.Id;
    }

    /// <summary>Rewrites the owner as a process that has exited, as after a crash.</summary>
    private void MarkOwnerDead()
    {
        JsonNode document = JsonNode.Parse(File.ReadAllText(StatePath))!;
        document["processId"] = DeadProcessId();
        File.WriteAllText(StatePath, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
