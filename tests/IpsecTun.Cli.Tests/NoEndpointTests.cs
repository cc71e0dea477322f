using System.Net.Sockets;
using System.Runtime.Versioning;
using IpsecTun.Engine.Control;
using IpsecTun.Engine.Tests.Control;

namespace IpsecTun.Cli.Tests;

/// <summary>Commands with nothing at the control socket, and how they find the socket.</summary>
[UnsupportedOSPlatform("windows")]
[Collection(nameof(ControlVariable))]
public sealed class NoEndpointTests : IDisposable
{
    private readonly SocketDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Theory]
    [InlineData("connect", "office")]
    [InlineData("disconnect", "office")]
    [InlineData("show", "active-peers")]
    [InlineData("reload")]
    [InlineData("kill-connections")]
    [InlineData("flush-sa")]
    public async Task Every_command_exits_6_with_one_line_when_no_endpoint_runs(params string[] args)
    {
        var (code, output, error) = await CommandLine.RunAsync([.. args, "--control", directory.Socket]);
        Assert.Equal(6, code);
        Assert.Equal("", output);
        Assert.Equal($"ipsectun: no endpoint is running at {directory.Socket} (start one with 'ipsectun run --config FILE')\n", error);
    }

    [Fact]
    public async Task A_socket_file_left_by_a_crashed_endpoint_means_no_endpoint()
    {
        using var stale = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        stale.Bind(new UnixDomainSocketEndPoint(directory.Socket));
        Assert.Equal(6, (await CommandLine.RunAsync("flush-sa", "--control", directory.Socket)).Code);
    }

    [Fact]
    public async Task The_environment_names_the_socket_when_the_option_does_not()
    {
        using var variable = new ControlVariableScope(directory.Socket);
        var (code, _, error) = await CommandLine.RunAsync("flush-sa");
        Assert.Equal(6, code);
        Assert.Contains(directory.Socket, error, StringComparison.Ordinal);

        await using var server = ControlServer.Start(directory.Socket, new FakeEndpoint { InstalledSas = 2 });
        Assert.Equal((0, "2 SAs flushed\n", ""), await CommandLine.RunAsync("flush-sa"));
    }
}
