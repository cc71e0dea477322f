using System.CommandLine;

namespace IpsecTun.Cli;

/// <summary><c>ipsectun reload</c>: the endpoint loads its configuration again; with errors nothing changes and each is printed.</summary>
internal static class ReloadCommand
{
    public static Command Create()
    {
        var control = new ControlOptions();
        var command = new Command("reload", "Loads the endpoint's configuration again; tunnels whose settings did not change stay up.") { control.Control, control.Config };
        command.SetAction((parseResult, cancellationToken) =>
            ControlCall.RunAsync(parseResult, control, ControlCall.DefaultDeadline, async (client, output, error, ct) =>
            {
                var outcome = await client.ReloadAsync(ct).ConfigureAwait(false);
                if (!outcome.Succeeded)
                {
                    foreach (var e in outcome.Errors)
                    {
                        error.WriteLine(e);
                    }

                    return ExitCodes.InvalidConfiguration;
                }

                output.WriteLine($"reloaded: {outcome.TunnelsKept} tunnels kept, {outcome.TunnelsRestarted} restarted");
                return ExitCodes.Success;
            }, cancellationToken));
        return command;
    }
}
