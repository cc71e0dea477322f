using System.Net.Sockets;
using System.Runtime.Versioning;
using IpsecTun.Platform;

namespace IpsecTun.Engine.Control;

/// <summary>
/// The control socket on Linux: a Unix domain stream socket whose file is mode 0600 in a directory
/// created 0700. The file mode is the first gate; the peer credentials checked on every connection
/// are the one that counts (they also cover the moment between bind and chmod).
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class UnixSocketControlListener : IControlListener
{
    private const UnixFileMode SocketMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly Socket socket;
    private readonly uint owner = UnixPeerCredentials.EffectiveUserId;

    private UnixSocketControlListener(string path, Socket socket)
    {
        Path = path;
        this.socket = socket;
    }

    public string Path { get; }

    /// <exception cref="ArgumentException">The path is too long for a Unix socket.</exception>
    public static UnixSocketControlListener Open(string path)
    {
        var address = UnixSocketAddress.For(path);
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, DirectoryMode);
        }

        RemoveStaleSocket(path, address);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(address);
            File.SetUnixFileMode(path, SocketMode);
            socket.Listen(16);
            return new UnixSocketControlListener(path, socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async Task<AcceptedClient> AcceptAsync(CancellationToken cancellationToken)
    {
        var client = await socket.AcceptAsync(cancellationToken).ConfigureAwait(false);
        var credentials = UnixPeerCredentials.Of(client);
        var refusal = credentials.MayControl(owner)
            ? null
            : $"user {credentials.UserId} (process {credentials.ProcessId}) may not control this endpoint, only root and user {owner} may";
        return new AcceptedClient(new NetworkStream(client, ownsSocket: true), refusal);
    }

    public void Dispose()
    {
        socket.Dispose();
        if (UnixFileType.IsSocket(Path))
        {
            File.Delete(Path);
        }
    }

    /// <summary>
    /// A socket file nobody answers on is what a crashed endpoint leaves behind and is removed; one
    /// that answers belongs to a running endpoint, and anything else is not ours to delete.
    /// </summary>
    private static void RemoveStaleSocket(string path, UnixDomainSocketEndPoint address)
    {
        if (!UnixFileType.IsSocket(path))
        {
            if (File.Exists(path) || Directory.Exists(path))
            {
                throw new ControlSocketInUseException($"{path} exists and is not a socket");
            }

            return;
        }

        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(address);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            File.Delete(path);
            return;
        }

        throw new ControlSocketInUseException($"another endpoint is running at {path}");
    }
}
