using System.Runtime.Versioning;
using System.Text.Json;
using IpsecTun.Engine.Control;

namespace IpsecTun.Engine.Tests.Control;

/// <summary>What clients send and what they get back, through a real server on a real socket.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class ControlSessionTests : IAsyncDisposable
{
    private readonly SocketDirectory directory = new();
    private readonly FakeEndpoint endpoint = new();
    private readonly ControlServer server;

    public ControlSessionTests()
    {
        endpoint.Peers["office"] = ([ConnectPhase.Phase1, ConnectPhase.Authentication, ConnectPhase.Phase2, ConnectPhase.Established], new ConnectOutcome(ConnectResult.Established, "office: established"));
        endpoint.Peers["picky"] = ([ConnectPhase.Phase1], new ConnectOutcome(ConnectResult.NoProposalChosen, "picky: NO_PROPOSAL_CHOSEN"));
        endpoint.Views[ViewMenu.ActivePeers] = [new ViewRow("R", [new("id", "office"), new("state", "established"), new("ph2-total", "1")])];
        server = ControlServer.Start(directory.Socket, endpoint);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        directory.Dispose();
    }

    [Fact]
    public async Task Connect_reports_every_phase_in_order_before_the_outcome()
    {
        await using var client = await ControlClient.ConnectAsync(directory.Socket, Token);
        var phases = new List<ConnectPhase>();
        var outcome = await client.ConnectPeerAsync("office", TimeSpan.FromSeconds(30), new ListProgress<ConnectPhase>(phases), Token);
        Assert.Equal(new ConnectOutcome(ConnectResult.Established, "office: established"), outcome);
        Assert.Equal([ConnectPhase.Phase1, ConnectPhase.Authentication, ConnectPhase.Phase2, ConnectPhase.Established], phases);
    }

    [Fact]
    public async Task Connect_outcomes_other_than_established_come_back_as_they_are()
    {
        await using var client = await ControlClient.ConnectAsync(directory.Socket, Token);
        Assert.Equal(ConnectResult.NoProposalChosen, (await client.ConnectPeerAsync("picky", TimeSpan.FromSeconds(30), null, Token)).Result);
        Assert.Equal(ConnectResult.UnknownPeer, (await client.ConnectPeerAsync("nobody", TimeSpan.FromSeconds(30), null, Token)).Result);
    }

    [Fact]
    public async Task A_connect_that_outlasts_its_timeout_is_cancelled_and_answered_with_a_timeout()
    {
        await using var client = await ControlClient.ConnectAsync(directory.Socket, Token);
        var outcome = await client.ConnectPeerAsync(FakeEndpoint.SilentPeer, TimeSpan.FromMilliseconds(200), null, Token);
        Assert.Equal(ConnectResult.Timeout, outcome.Result);
        Assert.Contains("silent", outcome.Message, StringComparison.Ordinal);
        Assert.True(endpoint.SilentConnectCancelled.IsCompleted);
    }

    [Fact]
    public async Task A_client_hanging_up_during_a_connect_cancels_it()
    {
        using (var raw = new RawClient(directory.Socket))
        {
            await raw.SendAsync("""{"command":"connect","peer":"silent","timeout":"00:10:00"}""" + "\n");
            Assert.Equal("""{"type":"progress","phase":"Phase1"}""", await raw.ReadLineAsync());
        }

        await endpoint.SilentConnectCancelled.WaitAsync(TimeSpan.FromSeconds(10), Token);
    }

    [Fact]
    public async Task Show_returns_the_rows_with_their_flags_and_property_order_and_passes_with_keys()
    {
        await using var client = await ControlClient.ConnectAsync(directory.Socket, Token);
        var rows = await client.ShowAsync(ViewMenu.ActivePeers, withKeys: true, Token);
        var row = Assert.Single(rows);
        Assert.Equal("R", row.Flags);
        Assert.Equal(endpoint.Views[ViewMenu.ActivePeers][0].Properties, row.Properties);
        Assert.True(endpoint.LastWithKeys);
        Assert.Empty(await client.ShowAsync(ViewMenu.Proposal, withKeys: false, Token));
        Assert.False(endpoint.LastWithKeys);
    }

    [Fact]
    public async Task Disconnect_reload_kill_connections_and_flush_sa_reach_the_endpoint()
    {
        endpoint.IkeSas = 4;
        endpoint.InstalledSas = 8;
        endpoint.ReloadOutcome = new ReloadOutcome(["config.json:3: ip.ipsec.peer[0] (a): port: \"x\" is not a port"], 0, 0);
        await using var client = await ControlClient.ConnectAsync(directory.Socket, Token);
        Assert.True(await client.DisconnectAsync("office", Token));
        Assert.False(await client.DisconnectAsync("nobody", Token));
        Assert.Equal(["office", "nobody"], endpoint.Disconnected);
        var reload = await client.ReloadAsync(Token);
        Assert.False(reload.Succeeded);
        Assert.Equal(endpoint.ReloadOutcome.Errors, reload.Errors);
        Assert.Equal(4, await client.KillConnectionsAsync(Token));
        Assert.Equal(8, await client.FlushSaAsync(Token));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"command":"explode"}""")]
    [InlineData("""{"command":"connect","timeout":"00:00:30"}""")]
    [InlineData("""{"command":"connect","peer":null,"timeout":"00:00:30"}""")]
    [InlineData("""{"command":"show","menu":"Everything","with-keys":false}""")]
    [InlineData("""{"command":"show","menu":99,"with-keys":false}""")]
    [InlineData("""{"command":"connect","peer":"office","timeout":"-00:00:01"}""")]
    [InlineData("""{"peer":"office"}""")]
    [InlineData("null")]
    [InlineData("[]")]
    public async Task A_malformed_request_is_answered_with_an_error_and_the_connection_keeps_serving(string request)
    {
        using var raw = new RawClient(directory.Socket);
        await raw.SendAsync(request + "\n");
        var error = JsonDocument.Parse((await raw.ReadLineAsync())!).RootElement;
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.StartsWith("malformed request: ", error.GetProperty("message").GetString(), StringComparison.Ordinal);

        await raw.SendAsync("""{"command":"kill-connections"}""" + "\n");
        Assert.Equal("""{"type":"count","count":0}""", await raw.ReadLineAsync());
    }

    [Fact]
    public async Task A_request_longer_than_the_limit_is_skipped_with_an_error()
    {
        using var raw = new RawClient(directory.Socket);
        await raw.SendAsync(new string('x', 200 * 1024) + "\n");
        Assert.Equal("""{"type":"error","message":"a message is longer than 65536 bytes"}""", await raw.ReadLineAsync());
        await raw.SendAsync("""{"command":"flush-sa"}""" + "\n");
        Assert.Equal("""{"type":"count","count":0}""", await raw.ReadLineAsync());

        await using var client = await ControlClient.ConnectAsync(directory.Socket, Token);
        Assert.Single(await client.ShowAsync(ViewMenu.ActivePeers, false, Token));
    }

    [Fact]
    public async Task An_endpoint_that_throws_gives_that_client_an_error_and_the_server_goes_on()
    {
        await using var client = await ControlClient.ConnectAsync(directory.Socket, Token);
        var e = await Assert.ThrowsAsync<ControlRequestFailedException>(() => client.ConnectPeerAsync(FakeEndpoint.BrokenPeer, TimeSpan.FromSeconds(5), null, Token));
        Assert.Equal("the endpoint failed to carry out the request: the IKE SA table is inconsistent", e.Message);
        Assert.Equal(ConnectResult.Established, (await client.ConnectPeerAsync("office", TimeSpan.FromSeconds(5), null, Token)).Result);
    }

    [Fact]
    public async Task Concurrent_clients_are_served_while_a_connect_waits()
    {
        await using var waiting = await ControlClient.ConnectAsync(directory.Socket, Token);
        var silent = waiting.ConnectPeerAsync(FakeEndpoint.SilentPeer, TimeSpan.FromSeconds(3), null, Token);

        var clients = Enumerable.Range(0, 16).Select(async i =>
        {
            await using var client = await ControlClient.ConnectAsync(directory.Socket, Token);
            return i % 2 == 0
                ? (await client.ShowAsync(ViewMenu.ActivePeers, false, Token)).Count
                : (await client.ConnectPeerAsync("office", TimeSpan.FromSeconds(30), null, Token)).Result == ConnectResult.Established ? 1 : 0;
        });
        Assert.All(await Task.WhenAll(clients), n => Assert.Equal(1, n));
        Assert.False(silent.IsCompleted);
        Assert.Equal(ConnectResult.Timeout, (await silent).Result);
    }
}
