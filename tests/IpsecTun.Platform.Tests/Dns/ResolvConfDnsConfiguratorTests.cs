using System.Diagnostics;
using System.Net;
using System.Runtime.Versioning;
using System.Text.Json;
using System.Text.Json.Nodes;
using IpsecTun.Platform.Dns;
using IpsecTun.Platform.State;

namespace IpsecTun.Platform.Tests.Dns;

[SupportedOSPlatform("linux")]
public sealed class ResolvConfDnsConfiguratorTests : IDisposable
{
    private const string Original = "# from DHCP\nnameserver 192.168.1.1\nsearch home.lan\noptions edns0 timeout:2\n";

    private static readonly IPAddress[] Servers = [IPAddress.Parse("10.5.8.53"), IPAddress.Parse("fd00::53")];

    private readonly string _directory = Directory.CreateTempSubdirectory("ipsectun-dns-").FullName;

    private string ResolvConf => Path.Combine(_directory, "resolv.conf");

    [Fact]
    public void Apply_writes_the_tunnel_servers_and_restore_brings_the_original_back()
    {
        File.WriteAllText(ResolvConf, Original);
        var dns = new ResolvConfDnsConfigurator(ResolvConf, state: null);

        dns.Apply("ipsec0", Servers, ["corp.example"]);

        Assert.Equal(
            "# Written by ipsectun for ipsec0; the previous file comes back when the tunnel goes down.\n"
            + "nameserver 10.5.8.53\nnameserver fd00::53\nsearch corp.example\noptions edns0 timeout:2\n",
            File.ReadAllText(ResolvConf));
        Assert.Equal(Original, File.ReadAllText(dns.BackupPath));

        dns.Restore();

        Assert.Equal(Original, File.ReadAllText(ResolvConf));
        Assert.False(File.Exists(dns.BackupPath));
    }

    [Fact]
    public void Applying_again_keeps_the_first_original()
    {
        File.WriteAllText(ResolvConf, Original);
        var dns = new ResolvConfDnsConfigurator(ResolvConf, state: null);

        dns.Apply("ipsec0", Servers, []);
        dns.Apply("ipsec0", [IPAddress.Parse("10.9.9.9")], []);
        Assert.Contains("nameserver 10.9.9.9\n", File.ReadAllText(ResolvConf), StringComparison.Ordinal);
        Assert.DoesNotContain("192.168.1.1", File.ReadAllText(ResolvConf), StringComparison.Ordinal);
        dns.Restore();

        Assert.Equal(Original, File.ReadAllText(ResolvConf));
    }

    [Fact]
    public void A_symlinked_resolv_conf_stays_a_symlink_and_its_target_is_untouched()
    {
        string target = Path.Combine(_directory, "stub-resolv.conf");
        File.WriteAllText(target, Original);
        File.CreateSymbolicLink(ResolvConf, target);
        var dns = new ResolvConfDnsConfigurator(ResolvConf, state: null);

        dns.Apply("ipsec0", Servers, []);
        Assert.Null(new FileInfo(ResolvConf).LinkTarget);
        Assert.Equal(Original, File.ReadAllText(target));

        dns.Restore();

        Assert.Equal(target, new FileInfo(ResolvConf).LinkTarget);
        Assert.Equal(Original, File.ReadAllText(target));
    }

    [Fact]
    public void A_file_that_did_not_exist_is_created_with_its_directory_and_removed_again()
    {
        string netnsFile = Path.Combine(_directory, "etc", "netns", "client1", "resolv.conf");
        var dns = new ResolvConfDnsConfigurator(netnsFile, state: null);

        dns.Apply("ipsec0", Servers, []);
        Assert.StartsWith("# Written by ipsectun", File.ReadAllText(netnsFile), StringComparison.Ordinal);
        dns.Restore();

        Assert.False(File.Exists(netnsFile));
    }

    [Fact]
    public void Restore_without_apply_changes_nothing()
    {
        File.WriteAllText(ResolvConf, Original);
        new ResolvConfDnsConfigurator(ResolvConf, state: null).Restore();
        Assert.Equal(Original, File.ReadAllText(ResolvConf));
    }

    [Fact]
    public void After_a_crash_the_stale_state_cleaner_restores_the_original()
    {
        IsolatedNetwork.Run(() =>
        {
            File.WriteAllText(ResolvConf, Original);
            string statePath = Path.Combine(_directory, "test.state");
            var state = new StateFile(statePath);
            var dns = new ResolvConfDnsConfigurator(ResolvConf, state);
            dns.Apply("ipsec0", Servers, []);
            MarkOwnerDead(statePath);

            StaleCleanupReport report = StaleStateCleaner.Clean(statePath);

            Assert.Empty(report.Failures);
            Assert.Equal(1, report.Removed);
            Assert.Equal(Original, File.ReadAllText(ResolvConf));
            Assert.False(File.Exists(dns.BackupPath));
        });
    }

    [Fact]
    public void A_clean_restore_leaves_nothing_for_the_cleaner()
    {
        File.WriteAllText(ResolvConf, Original);
        string statePath = Path.Combine(_directory, "test.state");
        var state = new StateFile(statePath);
        var dns = new ResolvConfDnsConfigurator(ResolvConf, state);
        dns.Apply("ipsec0", Servers, []);
        Assert.True(StateFile.TryRead(statePath, out ConfigurationState? during));
        Assert.Equal(new ResolvConfRecord(ResolvConf, dns.BackupPath), during!.ResolvConf);

        dns.Restore();

        Assert.True(StateFile.TryRead(statePath, out ConfigurationState? after));
        Assert.Null(after!.ResolvConf);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static void MarkOwnerDead(string statePath)
    {
        using Process exited = Process.Start("true")!;
        exited.WaitForExit();
        JsonNode document = JsonNode.Parse(File.ReadAllText(statePath))!;
        document["processId"] = exited.Id;
        File.WriteAllText(statePath, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
