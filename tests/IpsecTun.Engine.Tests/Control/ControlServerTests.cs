using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.Versioning;
using IpsecTun.Engine.Control;

namespace IpsecTun.Engine.Tests.Control;

/// <summary>The control socket's file, its permissions and its life: taking the path, stale files, other endpoints, removal.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class ControlServerTests : IDisposable
{
    private readonly SocketDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task The_socket_file_is_mode_0600_and_a_missing_directory_is_created_0700()
    {
        var path = Path.Combine(directory.Path, "run", "ipsectun", "control.sock");
        await using var server = ControlServer.Start(path, new FakeEndpoint());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        Assert.Equal(path, server.Path);
    }

    [Fact]
    public async Task Disposing_removes_the_socket_file()
    {
        var server = ControlServer.Start(directory.Socket, new FakeEndpoint());
        Assert.True(File.Exists(directory.Socket));
        await server.DisposeAsync();
        Assert.False(File.Exists(directory.Socket));
    }

    [Fact]
    public async Task A_second_endpoint_on_the_same_path_is_refused_and_the_first_keeps_serving()
    {
        var endpoint = new FakeEndpoint { InstalledSas = 3 };
        await using var first = ControlServer.Start(directory.Socket, endpoint);
        var e = Assert.Throws<ControlSocketInUseException>(() => ControlServer.Start(directory.Socket, new FakeEndpoint()));
        Assert.Contains("another endpoint is running", e.Message, StringComparison.Ordinal);

        await using var client = await ControlClient.ConnectAsync(directory.Socket, TestContext.Current.CancellationToken);
        Assert.Equal(3, await client.FlushSaAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_socket_file_nobody_answers_on_is_replaced()
    {
        // Bound but never listening: connecting to it is refused, as to the file a crashed endpoint leaves.
        using (var stale = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            stale.Bind(new UnixDomainSocketEndPoint(directory.Socket));
            Assert.True(File.Exists(directory.Socket));
            await using var server = ControlServer.Start(directory.Socket, new FakeEndpoint { IkeSas = 2 });
            await using var client = await ControlClient.ConnectAsync(directory.Socket, TestContext.Current.CancellationToken);
            Assert.Equal(2, await client.KillConnectionsAsync(TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task A_path_too_long_for_a_socket_is_refused_in_words_on_both_sides()
    {
        var path = Path.Combine(directory.Path, new string('s', 100) + ".sock");
        var e = Assert.Throws<ArgumentException>(() => ControlServer.Start(path, new FakeEndpoint()));
        Assert.StartsWith($"the control socket path {path} is longer than the 107 bytes", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<EndpointNotRunningException>(() => ControlClient.ConnectAsync(path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void A_file_that_is_not_a_socket_is_left_alone()
    {
        File.WriteAllText(directory.Socket, "not a socket");
        var e = Assert.Throws<ControlSocketInUseException>(() => ControlServer.Start(directory.Socket, new FakeEndpoint()));
        Assert.Contains("is not a socket", e.Message, StringComparison.Ordinal);
        Assert.Equal("not a socket", File.ReadAllText(directory.Socket));
    }

    [Fact]
    public async Task A_client_of_another_user_is_refused_by_its_peer_credentials()
    {
        const string python = "/usr/bin/python3";
        Assert.SkipUnless(Environment.UserName == "root" && File.Exists(python) && File.Exists("/usr/bin/setpriv"), "needs root, setpriv and python3 to connect as another user");
        await using var server = ControlServer.Start(directory.Socket, new FakeEndpoint { InstalledSas = 5 });

        // Opened up on purpose, so that only the credential check stands between user nobody and the endpoint.
        File.SetUnixFileMode(directory.Path, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(directory.Socket, (UnixFileMode)0b110_110_110);
        var script = "import socket,sys; s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); "
            + "s.sendall(b'{\"command\":\"flush-sa\"}\\n'); print(s.makefile().readline().strip())";
        var start = new ProcessStartInfo("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", python, "-c", script, directory.Socket])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0, error);
        Assert.StartsWith("""{"type":"refused","message":"user 65534""", output, StringComparison.Ordinal);

        await using var client = await ControlClient.ConnectAsync(directory.Socket, TestContext.Current.CancellationToken);
        Assert.Equal(5, await client.FlushSaAsync(TestContext.Current.CancellationToken));
    }
}
