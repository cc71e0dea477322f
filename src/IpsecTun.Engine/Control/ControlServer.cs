using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IpsecTun.Engine.Control;

/// <summary>
/// Serves an <see cref="IEndpointControl"/> on the control socket. Each client gets its own task, so a
/// slow, broken or refused client never holds up another; disposing stops accepting, ends the
/// connections and removes the socket file.
/// </summary>
public sealed class ControlServer : IAsyncDisposable
{
    private static readonly TimeSpan RefusedClientPatience = TimeSpan.FromSeconds(5);

    private readonly IControlListener listener;
    private readonly IEndpointControl endpoint;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<Task, bool> sessions = new();
    private readonly Task accepting;

    private ControlServer(IControlListener listener, IEndpointControl endpoint, ILogger logger)
    {
        this.listener = listener;
        this.endpoint = endpoint;
        this.logger = logger;
        ControlServerLog.Listening(logger, listener.Path);
        accepting = AcceptAsync();
    }

    /// <summary>Where clients reach this server.</summary>
    public string Path => listener.Path;

    /// <summary>Takes <paramref name="path"/> (see <see cref="ControlPath.Resolve"/>) and starts answering on it.</summary>
    /// <exception cref="ControlSocketInUseException">Another endpoint answers on the path, or a file that is not a socket is there.</exception>
    /// <exception cref="ArgumentException">The path is too long for a Unix socket.</exception>
    public static ControlServer Start(string path, IEndpointControl endpoint, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(endpoint);
        IControlListener listener = OperatingSystem.IsWindows() ? NamedPipeControlListener.Open(path) : UnixSocketControlListener.Open(path);
        return new ControlServer(listener, endpoint, logger ?? NullLogger.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        if (stopping.IsCancellationRequested)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        await accepting.ConfigureAwait(false);
        await Task.WhenAll(sessions.Keys).ConfigureAwait(false);
        listener.Dispose();
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            AcceptedClient client;
            try
            {
                client = await listener.AcceptAsync(stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
            {
                // A client that vanished between connect and accept, or a failed credential query: that client is lost, not the server.
                ControlServerLog.ConnectionEnded(logger, e);
                continue;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ControlServerLog.AcceptFailed(logger, e);
                return;
            }

            var session = ServeAsync(client);
            sessions.TryAdd(session, true);
            _ = session.ContinueWith(t => sessions.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Reads what a refused client still sends until it hangs up (or a few seconds pass): closing with
    /// unread data would reset the connection, and the client might never see why it was refused.
    /// </summary>
    private async Task DrainAsync(Stream stream)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        patience.CancelAfter(RefusedClientPatience);
        var discard = new byte[512];
        while (await stream.ReadAsync(discard, patience.Token).ConfigureAwait(false) > 0)
        {
        }
    }

    private async Task ServeAsync(AcceptedClient client)
    {
        // Off the accept loop at once: nothing a client does may delay the next accept.
        await Task.Yield();
        await using var stream = client.Stream;
        try
        {
            if (client.Refusal is { } refusal)
            {
                ControlServerLog.Refused(logger, refusal);
                await Protocol.FrameWriter.WriteAsync(stream, new Protocol.RefusedResponse(refusal), stopping.Token).ConfigureAwait(false);
                await DrainAsync(stream).ConfigureAwait(false);
                return;
            }

            await new ControlSession(stream, endpoint, logger).RunAsync(stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            ControlServerLog.ConnectionEnded(logger, e);
        }
    }
}
