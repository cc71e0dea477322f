using System.Net.Sockets;
using System.Runtime.Versioning;

namespace IpsecTun.Platform.Tests;

/// <summary>SO_PEERCRED as read for the control socket, and telling a socket file from other files.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class UnixPeerCredentialsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("ipsectun-cred-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task The_peer_of_a_local_connection_is_this_process()
    {
        var path = Path.Combine(directory, "s");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await client.ConnectAsync(new UnixDomainSocketEndPoint(path), TestContext.Current.CancellationToken);
        using var accepted = await listener.AcceptAsync(TestContext.Current.CancellationToken);

        var credentials = UnixPeerCredentials.Of(accepted);
        Assert.Equal(Environment.ProcessId, credentials.ProcessId);
        Assert.Equal(UnixPeerCredentials.EffectiveUserId, credentials.UserId);
        Assert.Equal(credentials, UnixPeerCredentials.Of(client));
        Assert.True(UnixFileType.IsSocket(path));
    }

    [Theory]
    [InlineData(0u, 1000u, true)]
    [InlineData(1000u, 1000u, true)]
    [InlineData(1001u, 1000u, false)]
    [InlineData(1001u, 0u, false)]
    public void Only_root_and_the_owner_may_control(uint peer, uint owner, bool allowed) =>
        Assert.Equal(allowed, new UnixPeerCredentials(1, peer, peer).MayControl(owner));

    [Fact]
    public void Files_directories_and_missing_paths_are_not_sockets()
    {
        var file = Path.Combine(directory, "f");
        File.WriteAllText(file, "");
        Assert.False(UnixFileType.IsSocket(file));
        Assert.False(UnixFileType.IsSocket(directory));
        Assert.False(UnixFileType.IsSocket(Path.Combine(directory, "missing")));
        Assert.False(UnixFileType.IsSocket(Path.Combine(file, "below-a-file")));
    }
}
