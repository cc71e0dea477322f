using System.CommandLine;

namespace IpsecTun.Cli;

/// <summary><c>ipsectun disconnect PEER</c>: deletes the peer's SAs; it is not re-initiated until the next connect.</summary>
internal static class DisconnectCommand
{
    public static Command Create()
    {
        var peer = new Argument<string>("peer") { Description = "The peer's name in the configuration." };
        var control = new ControlOptions();
        var command = new Command("disconnect", "Deletes a peer's SAs and stops re-initiating it until the next connect.") { peer, control.Control, control.Config };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var name = parseResult.GetRequiredValue(peer);
            return ControlCall.RunAsync(parseResult, control, ControlCall.DefaultDeadline, async (client, output, error, ct) =>
            {
                if (await client.DisconnectAsync(name, ct).ConfigureAwait(false))
                {
                    output.WriteLine($"{name}: disconnected");
                    return ExitCodes.Success;
                }

                error.WriteLine($"ipsectun: no peer named \"{name}\" is configured");
                return ExitCodes.Usage;
            }, cancellationToken);
        });
        return command;
    }
}
