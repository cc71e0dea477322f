using System.CommandLine;
using IpsecTun.Engine.Control;

namespace IpsecTun.Cli;

/// <summary>
/// Runs one command against the running endpoint and turns every way that can fail into one line on
/// stderr and the exit code for it.
/// </summary>
internal static class ControlCall
{
    /// <summary>How long a command other than connect waits for the endpoint's answer.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(30);

    public delegate Task<int> Body(ControlClient client, TextWriter output, TextWriter error, CancellationToken cancellationToken);

    public static async Task<int> RunAsync(ParseResult parseResult, ControlOptions options, TimeSpan deadline, Body body, CancellationToken cancellationToken)
    {
        var error = parseResult.InvocationConfiguration.Error;
        if (options.Resolve(parseResult, error) is not { } path)
        {
            return ExitCodes.InvalidConfiguration;
        }

        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        waiting.CancelAfter(deadline);
        ControlClient client;
        try
        {
            client = await ControlClient.ConnectAsync(path, waiting.Token).ConfigureAwait(false);
        }
        catch (EndpointNotRunningException)
        {
            error.WriteLine($"ipsectun: no endpoint is running at {path} (start one with 'ipsectun run --config FILE')");
            return ExitCodes.NoEndpoint;
        }
        catch (UnauthorizedAccessException e)
        {
            return PermissionDenied(error, e);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error.WriteLine($"ipsectun: the endpoint at {path} did not accept the connection within {deadline.TotalSeconds:0}s");
            return ExitCodes.Timeout;
        }

        await using (client.ConfigureAwait(false))
        {
            return await CallAsync(client, body, parseResult, deadline, waiting.Token, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int> CallAsync(ControlClient client, Body body, ParseResult parseResult, TimeSpan deadline, CancellationToken waiting, CancellationToken cancellationToken)
    {
        var error = parseResult.InvocationConfiguration.Error;
        try
        {
            return await body(client, parseResult.InvocationConfiguration.Output, error, waiting).ConfigureAwait(false);
        }
        catch (EndpointNotRunningException e)
        {
            error.WriteLine($"ipsectun: {e.Message}");
            return ExitCodes.NoEndpoint;
        }
        catch (UnauthorizedAccessException e)
        {
            return PermissionDenied(error, e);
        }
        catch (ControlRequestFailedException e)
        {
            // The endpoint could not carry the request out (an exception inside it, or a request it does
            // not understand, as from another version). That is not the caller's usage (1), nor about the
            // configuration (2) or the peer (3-5): like an endpoint that dies while answering, which this
            // reports as 6 too, there is no endpoint that serves the request, and its log says why.
            error.WriteLine($"ipsectun: {e.Message}");
            return ExitCodes.NoEndpoint;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error.WriteLine($"ipsectun: the endpoint at {client.Path} did not answer within {deadline.TotalSeconds:0}s");
            return ExitCodes.Timeout;
        }
        catch (IOException e)
        {
            error.WriteLine($"ipsectun: the connection to the endpoint at {client.Path} failed: {e.Message}");
            return ExitCodes.NoEndpoint;
        }
    }

    /// <summary>A caller kept out of the control socket cannot reach the endpoint at all: that is 6, with the way in.</summary>
    private static int PermissionDenied(TextWriter error, UnauthorizedAccessException e)
    {
        error.WriteLine($"ipsectun: {e.Message}; run the command as root (e.g. with sudo) or as the endpoint's user");
        return ExitCodes.NoEndpoint;
    }
}
