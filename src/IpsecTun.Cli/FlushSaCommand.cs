using System.CommandLine;

namespace IpsecTun.Cli;

/// <summary><c>ipsectun flush-sa</c>: removes every installed SA, as RouterOS's installed-sa flush.</summary>
internal static class FlushSaCommand
{
    public static Command Create()
    {
        var control = new ControlOptions();
        var command = new Command("flush-sa", "Removes every installed SA; policies needing one negotiate it again.") { control.Control, control.Config };
        command.SetAction((parseResult, cancellationToken) =>
            ControlCall.RunAsync(parseResult, control, ControlCall.DefaultDeadline, async (client, output, _, ct) =>
            {
                output.WriteLine($"{await client.FlushSaAsync(ct).ConfigureAwait(false)} SAs flushed");
                return ExitCodes.Success;
            }, cancellationToken));
        return command;
    }
}
