using System.Runtime.Versioning;
using IpsecTun.Engine.Control;
using IpsecTun.Engine.Tests.Control;

namespace IpsecTun.Cli.Tests;

/// <summary>Another user than root and the endpoint's own is kept out, by the file mode and by the peer credentials.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class PermissionTests : IAsyncDisposable
{
    private readonly SocketDirectory directory = new();
    private readonly FakeEndpoint endpoint = new() { InstalledSas = 3 };
    private readonly ControlServer server;

    public PermissionTests()
    {
        server = ControlServer.Start(directory.Socket, endpoint);

        // Only the socket file may keep user nobody out: the directory is opened to it.
        File.SetUnixFileMode(directory.Path, (UnixFileMode)0b111_101_101);
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        directory.Dispose();
    }

    [Fact]
    public async Task The_socket_file_mode_keeps_another_user_out_with_exit_6_and_the_way_in()
    {
        Assert.SkipWhen(BuiltCli.NobodyUnavailable is not null, BuiltCli.NobodyUnavailable ?? "");
        var (code, output, error) = await BuiltCli.RunAsNobodyAsync("flush-sa", "--control", directory.Socket);
        Assert.Equal(6, code);
        Assert.Equal("", output);
        Assert.Equal(
            $"ipsectun: permission denied on {directory.Socket}: the control socket is for root and the user the endpoint runs as; "
            + "run the command as root (e.g. with sudo) or as the endpoint's user\n",
            error);
    }

    [Fact]
    public async Task The_peer_credentials_keep_another_user_out_with_exit_6_even_when_the_file_lets_it_in()
    {
        Assert.SkipWhen(BuiltCli.NobodyUnavailable is not null, BuiltCli.NobodyUnavailable ?? "");
        File.SetUnixFileMode(directory.Socket, (UnixFileMode)0b110_110_110);
        var (code, output, error) = await BuiltCli.RunAsNobodyAsync("flush-sa", "--control", directory.Socket);
        Assert.Equal(6, code);
        Assert.Equal("", output);
        Assert.StartsWith($"ipsectun: permission denied on {directory.Socket}: user {BuiltCli.Nobody} (process ", error, StringComparison.Ordinal);
        Assert.EndsWith(
            "may not control this endpoint, only root and user 0 may; run the command as root (e.g. with sudo) or as the endpoint's user\n",
            error,
            StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal((0, "3 SAs flushed\n", ""), await CommandLine.RunAsync("flush-sa", "--control", directory.Socket));
    }
}
