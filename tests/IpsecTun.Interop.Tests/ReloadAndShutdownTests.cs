using System.Net;
using System.Text.RegularExpressions;
using IpsecTun.Interop.Tests.Lab;

namespace IpsecTun.Interop.Tests;

/// <summary>
/// The running program's life cycle against strongSwan, with two tunnels: a reload (SIGHUP or `ipsectun reload`) re-reads
/// the file and restarts only the tunnel whose settings changed while the other keeps its SAs and its traffic; a broken
/// file is refused with the old configuration left running; SIGTERM and SIGINT end the run with deletes the peer hears
/// and nothing left in the namespace's routing.
/// </summary>
[Collection(InteropGroup.Name)]
public sealed partial class ReloadAndShutdownTests
{
    private const string ReloadedOneOfTwo = "reloaded: 1 tunnels kept, 1 restarted";

    /// <summary>What `ping` prints last: "N packets transmitted, M received".</summary>
    [GeneratedRegex(@"(\d+) packets transmitted, (\d+) received")]
    private static partial Regex PingSummary();

    [Fact]
    public void Sighup_restarts_the_tunnel_whose_proposal_changed_and_keeps_the_other_up()
    {
        LabRequirement.EnsureAvailable();
        using var lab = new TwoTunnelLab();
        HashSet<string> siteA = lab.SpisOf(SiteToSiteLab.RightOuter);
        HashSet<string> siteB = lab.SpisOf(TwoTunnelLab.RightSecondOuter);

        using (BackgroundProcess ping = StartPing(lab.Left, SiteToSiteLab.LeftInside, SiteToSiteLab.RightInside))
        {
            lab.Configure(TwoTunnelConfig.IpsecTun(siteBEncryption: "aes-256-cbc"));
            lab.IpsecTun.Signal("HUP");
            StrongSwanDaemon.WaitFor(
                () => lab.IpsecTun.Log.Contains($"configuration {ReloadedOneOfTwo}", StringComparison.Ordinal),
                TimeSpan.FromSeconds(20), "the reload to be logged");
            StrongSwanDaemon.WaitFor(
                () => lab.OutboundSasTo(TwoTunnelLab.RightSecondOuter) is [{ } sa] && sa["enc-algorithm"] == "aes-cbc",
                TimeSpan.FromSeconds(30), "site-b back with AES-CBC");

            Dictionary<string, string> outbound = Assert.Single(lab.OutboundSasTo(TwoTunnelLab.RightSecondOuter));
            Assert.Equal(("256", "sha256"), (outbound["enc-key-size"], outbound["auth-algorithm"]));
            Assert.Empty(siteB.Intersect(lab.SpisOf(TwoTunnelLab.RightSecondOuter)));
            Assert.Equal(siteA, lab.SpisOf(SiteToSiteLab.RightOuter));
            Assert.Contains("AES_CBC-256/HMAC_SHA2_256_128", lab.StrongSwan.ListSas(), StringComparison.Ordinal);
            AssertPings(lab, TwoTunnelLab.LeftB, TwoTunnelLab.RightB);
            AssertNoneLost(ping, lab);
        }

        // A file that does not load changes nothing: the error goes to the log and both tunnels keep their SAs.
        HashSet<string> all = lab.IpsecTun.InstalledSpis();
        lab.Configure(TwoTunnelConfig.IpsecTun(siteBEncryption: "aes-999-cbc"));
        lab.IpsecTun.Signal("HUP");
        StrongSwanDaemon.WaitFor(
            () => lab.IpsecTun.Log.Contains("reload refused", StringComparison.Ordinal), TimeSpan.FromSeconds(20), "the refused reload to be logged");
        string refused = lab.IpsecTun.Log.Split('\n').Single(line => line.Contains("reload refused", StringComparison.Ordinal));
        Assert.Contains(lab.IpsecTun.ConfigurationFile, refused, StringComparison.Ordinal);
        Assert.Contains(" ip.ipsec.proposal[1] (b): enc-algorithms: ", refused, StringComparison.Ordinal);
        AssertBothTunnelsKept(lab, all, TwoTunnelLab.LeftB, TwoTunnelLab.RightB);
        Assert.Equal(0, lab.IpsecTun.Stop());
    }

    [Fact]
    public void Ipsectun_reload_adds_a_network_to_one_tunnel_and_keeps_the_other_up()
    {
        LabRequirement.EnsureAvailable();
        using var lab = new TwoTunnelLab();
        HashSet<string> siteA = lab.SpisOf(SiteToSiteLab.RightOuter);
        CommandResult unrouted = SiteToSiteLab.Ping(lab.Left, TwoTunnelLab.LeftB2, TwoTunnelLab.RightB2, count: 1);
        Assert.NotEqual(0, unrouted.ExitCode);

        using (BackgroundProcess ping = StartPing(lab.Left, SiteToSiteLab.LeftInside, SiteToSiteLab.RightInside))
        {
            lab.Configure(TwoTunnelConfig.IpsecTun(secondNetwork: true));
            CommandResult reload = lab.IpsecTun.Cli("reload");
            Assert.True(reload.ExitCode == 0, reload + lab.Logs);
            Assert.Equal(ReloadedOneOfTwo, reload.Output.Trim());
            StrongSwanDaemon.WaitFor(
                () => lab.SpisOf(TwoTunnelLab.RightSecondOuter).Count == 4, TimeSpan.FromSeconds(30), "site-b back with two Child SAs");

            Assert.Equal(siteA, lab.SpisOf(SiteToSiteLab.RightOuter));
            AssertPings(lab, TwoTunnelLab.LeftB2, TwoTunnelLab.RightB2);
            AssertPings(lab, TwoTunnelLab.LeftB, TwoTunnelLab.RightB);
            Assert.Contains("b2: #", lab.StrongSwan.ListSas(), StringComparison.Ordinal);
            AssertNoneLost(ping, lab);
        }

        // A file that does not load, and one that changes a port bound for the whole run: each refused with one line.
        HashSet<string> all = lab.IpsecTun.InstalledSpis();
        AssertReloadRefused(
            lab, TwoTunnelConfig.IpsecTun(siteBEncryption: "aes-999-cbc", secondNetwork: true), " ip.ipsec.proposal[1] (b): enc-algorithms: ");
        AssertReloadRefused(
            lab, TwoTunnelConfig.IpsecTun(secondNetwork: true, ikePort: 5500), " ipsectun.listen: ike-port: changed from 500 to 5500, which takes effect only when");
        AssertBothTunnelsKept(lab, all, TwoTunnelLab.LeftB2, TwoTunnelLab.RightB2);
        Assert.Equal(0, lab.IpsecTun.Stop());
    }

    /// <summary>
    /// strongSwan runs no DPD here, so only ipsectun's deletes can empty its list; they must have arrived within
    /// seconds of the exit. The adapter, its routes and any rules go with the run.
    /// </summary>
    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public void A_stop_signal_deletes_the_sas_with_the_peer_and_leaves_the_routing_as_it_was(string signal)
    {
        LabRequirement.EnsureAvailable();
        using var lab = new TwoTunnelLab();
        AssertPings(lab, SiteToSiteLab.LeftInside, SiteToSiteLab.RightInside);
        Assert.Equal(2, Regex.Count(lab.StrongSwan.ListSas(), "ESTABLISHED"));

        lab.IpsecTun.Signal(signal);
        StrongSwanDaemon.WaitFor(() => lab.IpsecTun.HasExited, TimeSpan.FromSeconds(20), $"ipsectun to end on SIG{signal}");

        Assert.True(lab.IpsecTun.Stop() == 0, lab.Logs);
        StrongSwanDaemon.WaitFor(
            () => !lab.StrongSwan.ListSas().Contains("site-", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "strongSwan to drop both IKE SAs");
        Assert.NotEqual(0, lab.Left.Exec(TimeSpan.FromSeconds(10), "ip", "link", "show", "itun0").ExitCode);
        Assert.Equal(lab.LeftRoutingBefore, TwoTunnelLab.Routing(lab.Left));
    }

    /// <summary>Pings through the tunnel every 0.2 s for 10 s, long enough to span a reload and the restarted tunnel's setup.</summary>
    private static BackgroundProcess StartPing(NetworkNamespace from, IPAddress source, IPAddress to) =>
        new("ip", from.Wrap("ping", "-n", "-c", "50", "-i", "0.2", "-W", "2", "-I", source.ToString(), to.ToString()));

    private static void AssertNoneLost(BackgroundProcess ping, TwoTunnelLab lab)
    {
        StrongSwanDaemon.WaitFor(() => ping.HasExited, TimeSpan.FromSeconds(30), "the continuous ping to end");
        Match summary = PingSummary().Match(ping.Output);
        Assert.True(summary.Success, ping.Output);
        Assert.True(summary.Groups[1].Value == summary.Groups[2].Value, ping.Output + lab.Logs);
    }

    /// <summary>`ipsectun reload` of <paramref name="json"/> exits 2 with one line on stderr: the file, then <paramref name="entryAndProperty"/>.</summary>
    private static void AssertReloadRefused(TwoTunnelLab lab, string json, string entryAndProperty)
    {
        lab.Configure(json);
        CommandResult refused = lab.IpsecTun.Cli("reload");

        Assert.True(refused.ExitCode == 2, refused + lab.Logs);
        string error = Assert.Single(refused.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith(lab.IpsecTun.ConfigurationFile + ":", error, StringComparison.Ordinal);
        Assert.Contains(entryAndProperty, error, StringComparison.Ordinal);
    }

    /// <summary>After a refused reload: every SA is the one from before, and site-a and site-b's network from source to target carry traffic.</summary>
    private static void AssertBothTunnelsKept(TwoTunnelLab lab, HashSet<string> spisBefore, IPAddress siteBSource, IPAddress siteBTarget)
    {
        Assert.Equal(spisBefore, lab.IpsecTun.InstalledSpis());
        AssertPings(lab, SiteToSiteLab.LeftInside, SiteToSiteLab.RightInside);
        AssertPings(lab, siteBSource, siteBTarget);
    }

    private static void AssertPings(TwoTunnelLab lab, IPAddress source, IPAddress to)
    {
        CommandResult ping = SiteToSiteLab.Ping(lab.Left, source, to);
        Assert.True(ping.ExitCode == 0, ping + lab.Logs);
    }
}
