using System.CommandLine;

namespace IpsecTun.Cli;

/// <summary><c>ipsectun kill-connections</c>: deletes every IKE SA with its peer, as RouterOS's active-peers kill-connections.</summary>
internal static class KillConnectionsCommand
{
    public static Command Create()
    {
        var control = new ControlOptions();
        var command = new Command("kill-connections", "Deletes every IKE SA, telling each peer.") { control.Control, control.Config };
        command.SetAction((parseResult, cancellationToken) =>
            ControlCall.RunAsync(parseResult, control, ControlCall.DefaultDeadline, async (client, output, _, ct) =>
            {
                output.WriteLine($"{await client.KillConnectionsAsync(ct).ConfigureAwait(false)} connections killed");
                return ExitCodes.Success;
            }, cancellationToken));
        return command;
    }
}
