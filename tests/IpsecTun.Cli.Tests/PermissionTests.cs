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
    public async Task The_socket_file_mode_refuses_another_user_with_exit_7()
    {
        Assert.SkipWhen(OtherUser.Unavailable is not null, OtherUser.Unavailable ?? "");
        var (code, output, error) = await OtherUser.RunAsync("flush-sa", "--control", directory.Socket);
        Assert.Equal(7, code);
        Assert.Equal("", output);
        Assert.Equal($"ipsectun: permission denied on {directory.Socket} (the endpoint's control socket is for root and the user it runs as)\n", error);
    }

    [Fact]
    public async Task The_peer_credentials_refuse_another_user_even_when_the_file_lets_it_in()
    {
        Assert.SkipWhen(OtherUser.Unavailable is not null, OtherUser.Unavailable ?? "");
        File.SetUnixFileMode(directory.Socket, (UnixFileMode)0b110_110_110);
        var (code, output, error) = await OtherUser.RunAsync("flush-sa", "--control", directory.Socket);
        Assert.Equal(7, code);
        Assert.Equal("", output);
        Assert.StartsWith($"ipsectun: permission denied: user {OtherUser.Nobody} (process ", error, StringComparison.Ordinal);
        Assert.EndsWith("may not control this endpoint; only root and user 0 may\n", error, StringComparison.Ordinal);
        Assert.Equal((0, "3 SAs flushed\n", ""), await CommandLine.RunAsync("flush-sa", "--control", directory.Socket));
    }
}
