using System.Runtime.Versioning;
using System.Text.Json;
using IpsecTun.Engine.Control;
using IpsecTun.Engine.Tests.Control;

namespace IpsecTun.Cli.Tests;

/// <summary>Every command that talks to a running endpoint, end to end through a real control socket.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class ControlCommandTests : IAsyncDisposable
{
    private readonly SocketDirectory directory = new();
    private readonly FakeEndpoint endpoint = new();
    private readonly ControlServer server;

    public ControlCommandTests()
    {
        ConnectPhase[] all = [ConnectPhase.Phase1, ConnectPhase.Authentication, ConnectPhase.Phase2, ConnectPhase.Established];
        endpoint.Peers["office"] = (all, new ConnectOutcome(ConnectResult.Established, "office: established"));
        endpoint.Peers["picky"] = ([ConnectPhase.Phase1], new ConnectOutcome(ConnectResult.NoProposalChosen, "picky: NO_PROPOSAL_CHOSEN in phase 1: no proposal matches aes-256-gcm/ecp384"));
        endpoint.Peers["wrongkey"] = ([ConnectPhase.Phase1, ConnectPhase.Authentication], new ConnectOutcome(ConnectResult.AuthenticationFailed, "wrongkey: AUTHENTICATION_FAILED from the peer"));
        endpoint.Peers["away"] = ([ConnectPhase.Phase1], new ConnectOutcome(ConnectResult.Timeout, "away: no answer from 203.0.113.9 after 5 retransmissions"));
        server = ControlServer.Start(directory.Socket, endpoint);
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        directory.Dispose();
    }

    [Fact]
    public async Task Connect_prints_each_phase_and_exits_0_once_established()
    {
        var (code, output, error) = await Run("connect", "office");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Equal(
            """
            office: phase 1 (IKE_SA_INIT)
            office: authentication (IKE_AUTH)
            office: phase 2 (Child SAs)
            office: established

            """,
            output);
    }

    [Theory]
    [InlineData("picky", 3)]
    [InlineData("wrongkey", 4)]
    [InlineData("away", 5)]
    [InlineData("nobody", 1)]
    public async Task Connect_exits_with_the_code_of_how_it_failed_and_one_line_on_stderr(string peer, int expected)
    {
        var (code, _, error) = await Run("connect", peer);
        Assert.Equal(expected, code);
        Assert.Equal($"ipsectun: {(endpoint.Peers.TryGetValue(peer, out var p) ? p.Outcome.Message : $"no peer named \"{peer}\" is configured")}\n", error);
    }

    [Fact]
    public async Task Connect_exits_5_when_the_timeout_passes()
    {
        var (code, output, error) = await Run("connect", FakeEndpoint.SilentPeer, "--timeout", "300ms");
        Assert.Equal(5, code);
        Assert.Equal("silent: phase 1 (IKE_SA_INIT)\n", output);
        Assert.Equal("ipsectun: silent: not established within 0.3s\n", error);
        Assert.True(endpoint.SilentConnectCancelled.IsCompleted);
    }

    [Fact]
    public async Task A_failure_inside_the_endpoint_exits_6_with_its_reason()
    {
        var (code, _, error) = await Run("connect", FakeEndpoint.BrokenPeer);
        Assert.Equal(6, code);
        Assert.Equal("ipsectun: the endpoint failed to carry out the request: the IKE SA table is inconsistent\n", error);
    }

    [Fact]
    public async Task Disconnect_exits_0_for_a_configured_peer_and_1_for_an_unknown_one()
    {
        Assert.Equal((0, "office: disconnected\n", ""), await Run("disconnect", "office"));
        Assert.Equal((1, "", "ipsectun: no peer named \"nobody\" is configured\n"), await Run("disconnect", "nobody"));
        Assert.Equal(["office", "nobody"], endpoint.Disconnected);
    }

    [Fact]
    public async Task Show_prints_a_routeros_table_with_flags_and_fitted_columns()
    {
        endpoint.Views[ViewMenu.ActivePeers] =
        [
            new ViewRow("R", [new("id", "office"), new("state", "established"), new("uptime", "1h2m3s"), new("ph2-total", "1"), new("remote-address", "192.0.2.1")]),
            new ViewRow("RN", [new("id", "home.example"), new("state", "established"), new("uptime", "5s"), new("ph2-total", "12"), new("remote-address", "198.51.100.7")]),
            new ViewRow("", [new("id", "lab"), new("state", "starting"), new("uptime", "0s"), new("ph2-total", "0"), new("remote-address", "203.0.113.9")]),
        ];
        var (code, output, error) = await Run("show", "active-peers");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Equal(
            """
            Flags: R - RESPONDER, N - NATT-PEER
            Columns: ID, STATE, UPTIME, PH2-TOTAL, REMOTE-ADDRESS
            #     ID            STATE        UPTIME  PH2-TOTAL  REMOTE-ADDRESS
            0 R   office        established  1h2m3s          1  192.0.2.1
            1 RN  home.example  established  5s             12  198.51.100.7
            2     lab           starting     0s              0  203.0.113.9

            """,
            output);
        Assert.False(endpoint.LastWithKeys);
    }

    [Fact]
    public async Task Show_prints_statistics_as_name_value_lines()
    {
        endpoint.Views[ViewMenu.Statistics] = [new ViewRow("", [new("in-errors", "0"), new("in-buffer-errors", "0"), new("in-header-errors", "2"), new("in-no-states", "15")])];
        var (code, output, _) = await Run("show", "statistics");
        Assert.Equal(0, code);
        Assert.Equal(
            """
                   in-errors: 0
            in-buffer-errors: 0
            in-header-errors: 2
                in-no-states: 15

            """,
            output);
    }

    [Fact]
    public async Task Show_json_has_the_manual_property_names_and_flags_as_booleans()
    {
        ViewRow[] rows =
        [
            new ViewRow("E", [new("spi", "0x1A2B3C4D"), new("src-address", "192.0.2.1"), new("dst-address", "198.51.100.7"), new("state", "mature"), new("enc-key", "0011+2233")]),
            new ViewRow("HES", [new("spi", "0x0000BEEF"), new("src-address", "198.51.100.7"), new("dst-address", "192.0.2.1"), new("state", "mature"), new("enc-key", "4455<6677>")]),
        ];
        endpoint.Views[ViewMenu.InstalledSa] = rows;
        var (code, output, _) = await Run("show", "installed-sa", "--json", "--with-keys");
        Assert.Equal(0, code);
        Assert.True(endpoint.LastWithKeys);
        Assert.Contains("\"0011+2233\"", output, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(output);
        var objects = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(rows.Length, objects.Count);
        for (var i = 0; i < rows.Length; i++)
        {
            var properties = objects[i].EnumerateObject().ToList();
            Assert.Equal(["hw-aead", "ah", "esp", "esn", .. rows[i].Properties.Select(p => p.Key)], properties.Select(p => p.Name));
            Assert.Equal(rows[i].Flags.Contains('H', StringComparison.Ordinal), objects[i].GetProperty("hw-aead").GetBoolean());
            Assert.False(objects[i].GetProperty("ah").GetBoolean());
            Assert.True(objects[i].GetProperty("esp").GetBoolean());
            Assert.Equal(rows[i].Flags.Contains('S', StringComparison.Ordinal), objects[i].GetProperty("esn").GetBoolean());
            Assert.Equal(rows[i].Properties.Select(p => p.Value), properties.Skip(4).Select(p => p.Value.GetString()));
        }
    }

    [Fact]
    public async Task Show_json_of_statistics_is_one_object_and_an_empty_menu_an_empty_array()
    {
        endpoint.Views[ViewMenu.Statistics] = [new ViewRow("", [new("in-errors", "0"), new("out-no-states", "3")])];
        using (var statistics = JsonDocument.Parse((await Run("show", "statistics", "--json")).Output))
        {
            Assert.Equal("3", statistics.RootElement.GetProperty("out-no-states").GetString());
            Assert.Equal(2, statistics.RootElement.EnumerateObject().Count());
        }

        using var proposals = JsonDocument.Parse((await Run("show", "proposal", "--json")).Output);
        Assert.Equal(0, proposals.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Reload_exits_0_with_what_it_kept_and_2_with_each_configuration_error()
    {
        endpoint.ReloadOutcome = new ReloadOutcome([], 2, 1);
        Assert.Equal((0, "reloaded: 2 tunnels kept, 1 restarted\n", ""), await Run("reload"));

        endpoint.ReloadOutcome = new ReloadOutcome(
            ["ipsectun.json:4: ip.ipsec.peer[0] (office): port: \"x\" is not a port", "ipsectun.json:9: ip.ipsec.identity[0]: peer: no peer named offfice"], 0, 0);
        var (code, output, error) = await Run("reload");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal(string.Join("\n", endpoint.ReloadOutcome.Errors) + "\n", error);
    }

    [Fact]
    public async Task Kill_connections_and_flush_sa_say_how_many_they_removed()
    {
        endpoint.IkeSas = 4;
        endpoint.InstalledSas = 8;
        Assert.Equal((0, "4 connections killed\n", ""), await Run("kill-connections"));
        Assert.Equal((0, "8 SAs flushed\n", ""), await Run("flush-sa"));
    }

    [Theory]
    [InlineData("show", "everything")]
    [InlineData("show")]
    [InlineData("connect")]
    [InlineData("connect", "office", "--timeout", "soon")]
    [InlineData("connect", "office", "--timeout", "0s")]
    [InlineData("disconnect")]
    public async Task Usage_errors_exit_1(params string[] args) => Assert.Equal(1, (await Run(args)).Code);

    private Task<(int Code, string Output, string Error)> Run(params string[] args) => CommandLine.RunAsync([.. args, "--control", directory.Socket]);
}
