using System.IO.Pipes;
using System.Net.Sockets;
using System.Text.Json;
using IpsecTun.Engine.Control.Protocol;

namespace IpsecTun.Engine.Control;

/// <summary>
/// The client side of the control socket, one request at a time: what the command line uses to talk
/// to a running endpoint.
/// </summary>
public sealed class ControlClient : IAsyncDisposable
{
    // Show answers grow with the number of SAs; well beyond any real table, still bounded.
    private const int MaxResponseLength = 16 * 1024 * 1024;
    private static readonly TimeSpan PipeConnectTimeout = TimeSpan.FromSeconds(2);

    private readonly Stream stream;
    private readonly FrameReader reader;

    private ControlClient(string path, Stream stream)
    {
        Path = path;
        this.stream = stream;
        reader = new FrameReader(stream, MaxResponseLength);
    }

    public string Path { get; }

    /// <exception cref="EndpointNotRunningException">Nothing answers on <paramref name="path"/>.</exception>
    /// <exception cref="UnauthorizedAccessException">The socket exists but this user may not open it.</exception>
    /// <remarks>
    /// Every request can also throw <see cref="UnauthorizedAccessException"/> (the endpoint refused this
    /// user by its credentials), <see cref="ControlRequestFailedException"/> (it answered with an error) and
    /// <see cref="IOException"/> (the connection failed or the answer was not a control response).
    /// </remarks>
    public static async Task<ControlClient> ConnectAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new ControlClient(path, OperatingSystem.IsWindows()
            ? await ConnectPipeAsync(path, cancellationToken).ConfigureAwait(false)
            : await ConnectSocketAsync(path, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Brings a peer up, reporting each phase the endpoint reaches; the endpoint gives up after <paramref name="timeout"/>.</summary>
    public async Task<ConnectOutcome> ConnectPeerAsync(string peer, TimeSpan timeout, IProgress<ConnectPhase>? progress, CancellationToken cancellationToken)
    {
        await FrameWriter.WriteAsync(stream, new ConnectRequest(peer, timeout), cancellationToken).ConfigureAwait(false);
        while (true)
        {
            switch (await ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                case ProgressResponse p:
                    progress?.Report(p.Phase);
                    break;
                case ConnectResponse c:
                    return c.Outcome;
                case var other:
                    throw Unexpected(other);
            }
        }
    }

    /// <summary>False when no such peer is configured.</summary>
    public async Task<bool> DisconnectAsync(string peer, CancellationToken cancellationToken) =>
        await RequestAsync<DisconnectResponse>(new DisconnectRequest(peer), cancellationToken).ConfigureAwait(false) is var r ? r.Found : false;

    public async Task<IReadOnlyList<ViewRow>> ShowAsync(ViewMenu menu, bool withKeys, CancellationToken cancellationToken) =>
        (await RequestAsync<ShowResponse>(new ShowRequest(menu, withKeys), cancellationToken).ConfigureAwait(false)).Rows;

    public async Task<ReloadOutcome> ReloadAsync(CancellationToken cancellationToken) =>
        (await RequestAsync<ReloadResponse>(new ReloadRequest(), cancellationToken).ConfigureAwait(false)).Outcome;

    /// <summary>How many IKE SAs were deleted.</summary>
    public async Task<int> KillConnectionsAsync(CancellationToken cancellationToken) =>
        (await RequestAsync<CountResponse>(new KillConnectionsRequest(), cancellationToken).ConfigureAwait(false)).Count;

    /// <summary>How many installed SAs were removed.</summary>
    public async Task<int> FlushSaAsync(CancellationToken cancellationToken) =>
        (await RequestAsync<CountResponse>(new FlushSaRequest(), cancellationToken).ConfigureAwait(false)).Count;

    public ValueTask DisposeAsync() => stream.DisposeAsync();

    private async Task<T> RequestAsync<T>(ControlRequest request, CancellationToken cancellationToken)
        where T : ControlResponse
    {
        await FrameWriter.WriteAsync(stream, request, cancellationToken).ConfigureAwait(false);
        var response = await ReadAsync(cancellationToken).ConfigureAwait(false);
        return response as T ?? throw Unexpected(response);
    }

    private async Task<ControlResponse> ReadAsync(CancellationToken cancellationToken)
    {
        var frame = await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new EndpointNotRunningException(Path, $"the endpoint at {Path} closed the connection before it answered");
        try
        {
            return JsonSerializer.Deserialize(frame.Span, ControlJsonContext.Default.ControlResponse)
                ?? throw new ControlProtocolException("the endpoint answered null");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            throw new ControlProtocolException($"the endpoint at {Path} answered something that is not a control response: {e.Message}");
        }
    }

    private Exception Unexpected(ControlResponse response) => response switch
    {
        RefusedResponse refused => new UnauthorizedAccessException($"permission denied on {Path}: {refused.Message}"),
        ErrorResponse error => new ControlRequestFailedException(error.Message),
        _ => new ControlRequestFailedException($"the endpoint at {Path} answered with an unexpected {response.GetType().Name}"),
    };

    private static async Task<Stream> ConnectSocketAsync(string path, CancellationToken cancellationToken)
    {
        UnixDomainSocketEndPoint address;
        try
        {
            address = UnixSocketAddress.For(path);
        }
        catch (ArgumentException e)
        {
            throw new EndpointNotRunningException(path, e.Message, e);
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(address, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AccessDenied)
        {
            socket.Dispose();
            throw new UnauthorizedAccessException($"permission denied on {path}: the control socket is for root and the user the endpoint runs as", e);
        }
        catch (SocketException e)
        {
            // ENOENT, ECONNREFUSED (a socket file left by a crash) or a path that is not a socket.
            socket.Dispose();
            throw new EndpointNotRunningException(path, $"no endpoint is running at {path}", e);
        }
    }

    private static async Task<Stream> ConnectPipeAsync(string path, CancellationToken cancellationToken)
    {
        var pipe = new NamedPipeClientStream(".", ControlPath.PipeName(path), PipeDirection.InOut, PipeOptions.Asynchronous);
        try
        {
            await pipe.ConnectAsync(PipeConnectTimeout, cancellationToken).ConfigureAwait(false);
            return pipe;
        }
        catch (TimeoutException e)
        {
            await pipe.DisposeAsync().ConfigureAwait(false);
            throw new EndpointNotRunningException(path, $"no endpoint is running at {path}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            await pipe.DisposeAsync().ConfigureAwait(false);
            throw new UnauthorizedAccessException($"permission denied on {path}: the pipe is for Administrators and the user the endpoint runs as", e);
        }
        catch
        {
            await pipe.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
