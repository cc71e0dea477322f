using System.Text.Json;
using System.Threading.Channels;
using IpsecTun.Engine.Control.Protocol;
using Microsoft.Extensions.Logging;

namespace IpsecTun.Engine.Control;

/// <summary>
/// One client's connection: requests are read and answered one after the other. Whatever a client
/// sends, the worst outcome is an <see cref="ErrorResponse"/> and the end of its own connection.
/// </summary>
internal sealed class ControlSession(Stream stream, IEndpointControl endpoint, ILogger logger)
{
    /// <summary>Requests are short; anything longer is not one.</summary>
    public const int MaxRequestLength = 64 * 1024;

    /// <summary>The longest connect a client may ask the endpoint to wait for.</summary>
    public static readonly TimeSpan MaxConnectTimeout = TimeSpan.FromHours(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var reader = new FrameReader(stream, MaxRequestLength);
        var next = reader.ReadAsync(cancellationToken).AsTask();
        while (true)
        {
            ReadOnlyMemory<byte>? frame;
            try
            {
                frame = await next.ConfigureAwait(false);
            }
            catch (ControlProtocolException e)
            {
                await Reply(new ErrorResponse(e.Message), cancellationToken).ConfigureAwait(false);
                next = reader.ReadAsync(cancellationToken).AsTask();
                continue;
            }

            if (frame is not { } text)
            {
                return;
            }

            var request = Parse(text.Span, out var problem);

            // Reading on while a request runs is how a client hanging up is noticed during a connect.
            next = reader.ReadAsync(cancellationToken).AsTask();
            var response = request is null ? new ErrorResponse(problem!) : await HandleAsync(request, next, cancellationToken).ConfigureAwait(false);
            await Reply(response, cancellationToken).ConfigureAwait(false);
        }
    }

    private static ControlRequest? Parse(ReadOnlySpan<byte> frame, out string? problem)
    {
        problem = null;
        try
        {
            return JsonSerializer.Deserialize(frame, ControlJsonContext.Default.ControlRequest) ?? throw new JsonException("null is not a request");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            // The serializer's message names the offending path and position, which is what a client author needs.
            problem = $"malformed request: {e.Message}";
            return null;
        }
    }

    private Task Reply(ControlResponse response, CancellationToken cancellationToken) => FrameWriter.WriteAsync(stream, response, cancellationToken);

    private async Task<ControlResponse> HandleAsync(ControlRequest request, Task<ReadOnlyMemory<byte>?> next, CancellationToken cancellationToken)
    {
        try
        {
            return request switch
            {
                ConnectRequest connect => await ConnectAsync(connect, next, cancellationToken).ConfigureAwait(false),
                DisconnectRequest disconnect => new DisconnectResponse(endpoint.Disconnect(disconnect.Peer)),
                ShowRequest show when Enum.IsDefined(show.Menu) => new ShowResponse(endpoint.Show(show.Menu, show.WithKeys)),
                ShowRequest show => new ErrorResponse($"malformed request: no menu {(int)show.Menu}"),
                ReloadRequest => new ReloadResponse(endpoint.Reload()),
                KillConnectionsRequest => new CountResponse(endpoint.KillConnections()),
                FlushSaRequest => new CountResponse(endpoint.FlushSa()),
                _ => new ErrorResponse($"malformed request: {request.GetType().Name} is not handled"),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            ControlServerLog.CommandFailed(logger, request.GetType().Name, e);
            return new ErrorResponse($"the endpoint failed to carry out the request: {e.Message}");
        }
    }

    private async Task<ControlResponse> ConnectAsync(ConnectRequest request, Task<ReadOnlyMemory<byte>?> next, CancellationToken cancellationToken)
    {
        if (request.Timeout <= TimeSpan.Zero || request.Timeout > MaxConnectTimeout)
        {
            return new ErrorResponse($"malformed request: the timeout must be above 0 and at most {MaxConnectTimeout.TotalMinutes:0} minutes");
        }

        using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connecting.CancelAfter(request.Timeout);
        var phases = Channel.CreateUnbounded<ConnectPhase>(new UnboundedChannelOptions { SingleReader = true });
        var forwarding = ForwardProgressAsync(phases.Reader, cancellationToken);
        var connect = Task.Run(() => endpoint.ConnectAsync(request.Peer, new ChannelProgress(phases.Writer), connecting.Token), CancellationToken.None);
        if (await Task.WhenAny(connect, next).ConfigureAwait(false) == next && HungUp(next))
        {
            await connecting.CancelAsync().ConfigureAwait(false);
        }

        ConnectOutcome outcome;
        try
        {
            outcome = await connect.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            outcome = new ConnectOutcome(ConnectResult.Timeout, $"{request.Peer}: not established within {request.Timeout.TotalSeconds:0.###}s");
        }
        finally
        {
            phases.Writer.TryComplete();
        }

        await forwarding.ConfigureAwait(false);
        return new ConnectResponse(outcome);
    }

    private async Task ForwardProgressAsync(ChannelReader<ConnectPhase> phases, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var phase in phases.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await Reply(new ProgressResponse(phase), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // The client is gone: the read under way sees the hang-up and cancels the connect, and the
            // outcome's reply ends this session.
        }
    }

    /// <summary>The client closed its side or broke the framing while a request ran: nobody is waiting for the answer.</summary>
    private static bool HungUp(Task<ReadOnlyMemory<byte>?> next) => !next.IsCompletedSuccessfully || next.Result is null;
}
