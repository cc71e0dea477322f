using System.Runtime.Versioning;
using IpsecTun.Engine.Control;
using IpsecTun.Engine.Tests.Control;

namespace IpsecTun.Cli.Tests;

/// <summary>
/// Which endpoint a command talks to: <c>--control</c>, else IPSECTUN_CONTROL, else <c>ipsectun.control</c>
/// of the <c>--config</c> file. Three endpoints answer on three sockets, each naming itself in its statistics.
/// </summary>
[UnsupportedOSPlatform("windows")]
[Collection(nameof(ControlVariable))]
public sealed class ControlSocketChoiceTests : IAsyncDisposable
{
    private readonly SocketDirectory optionSocket = new();
    private readonly SocketDirectory variableSocket = new();
    private readonly SocketDirectory configuredSocket = new();
    private readonly FakeEndpoint optionEndpoint = Named("option");
    private readonly FakeEndpoint configuredEndpoint = Named("configuration");
    private readonly ControlServer[] servers;

    public ControlSocketChoiceTests()
    {
        servers =
        [
            ControlServer.Start(optionSocket.Socket, optionEndpoint),
            ControlServer.Start(variableSocket.Socket, Named("variable")),
            ControlServer.Start(configuredSocket.Socket, configuredEndpoint),
        ];
    }

    /// <summary>A valid configuration whose only setting is the control socket.</summary>
    private string ConfigurationFile => Write("ipsectun.json", $$"""{ "ipsectun": { "control": "{{configuredSocket.Socket}}" } }""");

    public async ValueTask DisposeAsync()
    {
        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }

        optionSocket.Dispose();
        variableSocket.Dispose();
        configuredSocket.Dispose();
    }

    [Fact]
    public async Task The_configuration_names_the_socket_when_neither_the_option_nor_the_variable_does()
    {
        using var variable = new ControlVariableScope(null);
        Assert.Equal((0, "answered-by: configuration\n", ""), await CommandLine.RunAsync("show", "statistics", "--config", ConfigurationFile));
    }

    [Fact]
    public async Task The_variable_wins_over_the_configuration()
    {
        using var variable = new ControlVariableScope(variableSocket.Socket);
        Assert.Equal((0, "answered-by: variable\n", ""), await CommandLine.RunAsync("show", "statistics", "--config", ConfigurationFile));
    }

    [Fact]
    public async Task The_option_wins_over_the_variable_and_the_configuration()
    {
        using var variable = new ControlVariableScope(variableSocket.Socket);
        Assert.Equal(
            (0, "answered-by: option\n", ""),
            await CommandLine.RunAsync("show", "statistics", "--config", ConfigurationFile, "--control", optionSocket.Socket));
    }

    [Fact]
    public async Task A_configuration_with_errors_exits_2_with_one_line_naming_file_entry_and_property_and_asks_no_endpoint()
    {
        using var variable = new ControlVariableScope(null);
        string bad = Write("bad.json", $$"""{ "ipsectun": { "control": "{{configuredSocket.Socket}}", "replay-window": "wide" } }""");

        var (code, output, error) = await CommandLine.RunAsync("show", "statistics", "--config", bad, "--control", optionSocket.Socket);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(bad)}:1: ipsectun: replay-window: [^\n]+\n$", error);
        Assert.Null(optionEndpoint.LastWithKeys);
        Assert.Null(configuredEndpoint.LastWithKeys);
    }

    private static FakeEndpoint Named(string name)
    {
        var endpoint = new FakeEndpoint();
        endpoint.Views[ViewMenu.Statistics] = [new ViewRow("", [new("answered-by", name)])];
        return endpoint;
    }

    private string Write(string name, string json)
    {
        string path = Path.Combine(configuredSocket.Path, name);
        File.WriteAllText(path, json);
        return path;
    }
}
