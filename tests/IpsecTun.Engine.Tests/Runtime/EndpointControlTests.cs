using IpsecTun.Engine.Control;
using IpsecTun.Esp;

namespace IpsecTun.Engine.Tests.Runtime;

public sealed class EndpointControlTests
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Connect_reports_each_phase_in_order_and_ends_established()
    {
        using var pair = new TwoEndpoints(TestPlans.Gateway(), TestPlans.Client(passive: true));
        var phases = new List<ConnectPhase>();
        using var timeout = new CancellationTokenSource(ConnectTimeout);

        ConnectOutcome outcome = await pair.Client.ConnectAsync("gw", new Recorder(phases), timeout.Token);

        Assert.Equal(ConnectResult.Established, outcome.Result);
        TwoEndpoints.Eventually(() => phases.Count == 4, "every phase");
        Assert.Equal([ConnectPhase.Phase1, ConnectPhase.Authentication, ConnectPhase.Phase2, ConnectPhase.Established], phases);
        Assert.Equal(2, pair.Client.Sad.InstalledSas.Count(sa => sa.State == SaState.Mature));
    }

    [Fact]
    public async Task Connect_to_an_unknown_peer_says_so()
    {
        using var pair = new TwoEndpoints(TestPlans.Gateway(), TestPlans.Client(passive: true));
        ConnectOutcome outcome = await pair.Client.ConnectAsync("nobody", new Progress<ConnectPhase>(), CancellationToken.None);
        Assert.Equal(ConnectResult.UnknownPeer, outcome.Result);
    }

    [Fact]
    public async Task Connect_with_a_wrong_key_fails_as_authentication_failed()
    {
        using var pair = new TwoEndpoints(TestPlans.Gateway(psk: "the gateway's key"), TestPlans.Client(passive: true, psk: "another key"));
        using var timeout = new CancellationTokenSource(ConnectTimeout);
        ConnectOutcome outcome = await pair.Client.ConnectAsync("gw", new Progress<ConnectPhase>(), timeout.Token);
        Assert.Equal(ConnectResult.AuthenticationFailed, outcome.Result);
    }

    [Fact]
    public async Task Connect_to_a_peer_that_never_answers_times_out_when_retransmissions_run_out()
    {
        using var pair = new TwoEndpoints(TestPlans.Gateway(), TestPlans.Client(passive: true));
        pair.Network.Cut(TestPlans.GatewayAddress, cut: true);
        Task<ConnectOutcome> connect = pair.Client.ConnectAsync("gw", new Progress<ConnectPhase>(), CancellationToken.None);

        pair.AdvanceUntil(() => connect.IsCompleted, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        Assert.Equal(ConnectResult.Timeout, (await connect).Result);
    }

    [Fact]
    public async Task Disconnect_deletes_the_sas_on_both_sides_and_stops_reinitiation_until_the_next_connect()
    {
        using var pair = new TwoEndpoints(TestPlans.Gateway(), TestPlans.Client(passive: false));
        TwoEndpoints.Eventually(() => pair.Client.Sad.InstalledSas.Count == 2, "the active peer to come up at start");

        Assert.True(pair.Client.Disconnect("gw"));
        Assert.False(pair.Client.Disconnect("nobody"));
        TwoEndpoints.Eventually(() => pair.Gateway.Sad.InstalledSas.Count == 0, "the gateway to delete its SAs");
        Assert.Empty(pair.Client.Sad.InstalledSas);
        TwoEndpoints.Eventually(() => pair.Client.Show(ViewMenu.ActivePeers, false).Count == 0, "the IKE SA to close");

        pair.Clock.Advance(TimeSpan.FromMinutes(10));
        Thread.Sleep(500);
        Assert.Empty(pair.Client.Show(ViewMenu.ActivePeers, false));

        pair.ClientTun.Inject(TestPackets.Udp("10.2.0.5", "10.1.0.7", 7777, "dropped while disconnected"));
        TwoEndpoints.Eventually(() => pair.Client.Counters.AcquireDrops == 1, "the held packet to be dropped");

        using var timeout = new CancellationTokenSource(ConnectTimeout);
        Assert.Equal(ConnectResult.Established, (await pair.Client.ConnectAsync("gw", new Progress<ConnectPhase>(), timeout.Token)).Result);
        Assert.Equal("after", System.Text.Encoding.ASCII.GetString(pair.ClientToGateway("after").AsSpan(28)));
    }

    [Fact]
    public void Kill_connections_deletes_every_ike_sa_and_an_active_peer_comes_back_after_the_first_backoff()
    {
        using var pair = new TwoEndpoints(TestPlans.Gateway(), TestPlans.Client(passive: false));
        TwoEndpoints.Eventually(() => pair.Client.Sad.InstalledSas.Count == 2, "the active peer to come up at start");
        uint oldSpi = pair.Client.Sad.InstalledSas[0].Spi;

        Assert.Equal(1, pair.Client.KillConnections());
        TwoEndpoints.Eventually(() => pair.Gateway.Show(ViewMenu.ActivePeers, false).Count == 0, "the gateway's IKE SA to go");

        // The killed SAs stay listed (dead) until the delete is answered, so wait for two others.
        pair.AdvanceUntil(
            () => pair.Client.Sad.InstalledSas is { Count: 2 } sas && sas.All(sa => sa.Spi != oldSpi), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        Assert.All(pair.Client.Sad.InstalledSas, sa => Assert.Equal(SaState.Mature, sa.State));
    }

    [Fact]
    public void Flush_removes_the_installed_sas_and_traffic_brings_up_new_ones()
    {
        using var pair = new TwoEndpoints(TestPlans.Gateway(), TestPlans.Client(passive: true));
        pair.ClientToGateway("first");
        uint[] before = [.. pair.Client.Sad.InstalledSas.Select(sa => sa.Spi)];

        Assert.Equal(2, pair.Client.FlushSa());
        Assert.Empty(pair.Client.Sad.InstalledSas);
        TwoEndpoints.Eventually(() => pair.Gateway.Sad.InstalledSas.Count == 0, "the gateway to delete the flushed Child SA");

        Assert.Equal("second", System.Text.Encoding.ASCII.GetString(pair.ClientToGateway("second").AsSpan(28)));
        Assert.Equal(2, pair.Client.Sad.InstalledSas.Count);
        Assert.Empty(pair.Client.Sad.InstalledSas.Select(sa => sa.Spi).Intersect(before));
    }

    private sealed class Recorder(List<ConnectPhase> phases) : IProgress<ConnectPhase>
    {
        public void Report(ConnectPhase value)
        {
            lock (phases)
            {
                phases.Add(value);
            }
        }
    }
}
