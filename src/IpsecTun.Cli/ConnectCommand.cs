using System.CommandLine;
using IpsecTun.Config.Values;
using IpsecTun.Engine.Control;

namespace IpsecTun.Cli;

/// <summary>
/// <c>ipsectun connect PEER [--timeout 30s]</c>: asks the running endpoint to bring the peer up and
/// waits until its Child SAs are installed, printing each phase as it is reached.
/// </summary>
internal static class ConnectCommand
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    // The endpoint answers a timeout itself; this is only for an endpoint that stopped answering.
    private static readonly TimeSpan AnswerGrace = TimeSpan.FromSeconds(10);

    public static Command Create()
    {
        var peer = new Argument<string>("peer") { Description = "The peer's name in the configuration." };
        var timeout = new Option<TimeSpan>("--timeout")
        {
            Description = "How long to wait for the tunnel, in RouterOS time (30s, 2m).",
            DefaultValueFactory = _ => DefaultTimeout,
            CustomParser = ParseTimeout,
            HelpName = "TIME",
        };
        var control = new ControlOptions();
        var command = new Command("connect", "Brings a peer's tunnel up and waits until its Child SAs are installed.") { peer, timeout, control.Control, control.Config };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var name = parseResult.GetRequiredValue(peer);
            var wait = parseResult.GetValue(timeout);
            return ControlCall.RunAsync(parseResult, control, wait + AnswerGrace, (client, output, error, ct) => RunAsync(client, name, wait, output, error, ct), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(ControlClient client, string peer, TimeSpan timeout, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var progress = new SynchronousProgress<ConnectPhase>(phase => output.WriteLine($"{peer}: {Describe(phase)}"));
        var outcome = await client.ConnectPeerAsync(peer, timeout, progress, cancellationToken).ConfigureAwait(false);
        if (outcome.Result == ConnectResult.Established)
        {
            return ExitCodes.Success;
        }

        error.WriteLine($"ipsectun: {outcome.Message}");
        return outcome.Result switch
        {
            ConnectResult.UnknownPeer => ExitCodes.Usage,
            ConnectResult.NoProposalChosen => ExitCodes.NoProposalChosen,
            ConnectResult.AuthenticationFailed => ExitCodes.AuthenticationFailed,
            ConnectResult.Timeout => ExitCodes.Timeout,

            // An outcome this command does not know comes from an endpoint of another version: like a
            // request it does not understand, no endpoint here can serve this command.
            _ => ExitCodes.NoEndpoint,
        };
    }

    internal static string Describe(ConnectPhase phase) => phase switch
    {
        ConnectPhase.Phase1 => "phase 1 (IKE_SA_INIT)",
        ConnectPhase.Authentication => "authentication (IKE_AUTH)",
        ConnectPhase.Phase2 => "phase 2 (Child SAs)",
        ConnectPhase.Established => "established",
        _ => phase.ToString(),
    };

    private static TimeSpan ParseTimeout(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (!RouterOsTime.TryParse(text, out var value) || value <= TimeSpan.Zero || value > TimeSpan.FromHours(1))
        {
            result.AddError($"--timeout takes a time above 0 and at most 1h, such as 30s or 2m; got \"{text}\"");
        }

        return value;
    }
}
