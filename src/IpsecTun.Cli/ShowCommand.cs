using System.CommandLine;

namespace IpsecTun.Cli;

/// <summary>
/// <c>ipsectun show MENU [--json] [--with-keys]</c>: one of the manual's menus from the running endpoint,
/// as a RouterOS table or as JSON.
/// </summary>
internal static class ShowCommand
{
    public static Command Create()
    {
        var menu = new Argument<string>("menu")
        {
            Description = "What to show: " + string.Join(", ", ViewMenuNames.All.Select(m => m.Name)) + ".",
            HelpName = "MENU",
        };
        menu.AcceptOnlyFromAmong([.. ViewMenuNames.All.Select(m => m.Name)]);
        var json = new Option<bool>("--json") { Description = "Print JSON objects with the manual's property names instead of a table." };
        var withKeys = new Option<bool>("--with-keys") { Description = "Include the SAs' keys (installed-sa)." };
        var control = new ControlOptions();
        var command = new Command("show", "Prints a menu of the running endpoint: live state or the configuration it runs.") { menu, json, withKeys, control.Control, control.Config };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var shown = ViewMenuNames.Parse(parseResult.GetRequiredValue(menu));
            var asJson = parseResult.GetValue(json);
            var keys = parseResult.GetValue(withKeys);
            return ControlCall.RunAsync(parseResult, control, ControlCall.DefaultDeadline, async (client, output, _, ct) =>
            {
                var rows = await client.ShowAsync(shown, keys, ct).ConfigureAwait(false);
                if (asJson)
                {
                    ViewJson.Write(output, shown, rows);
                }
                else
                {
                    ViewTable.Write(output, shown, rows);
                }

                return ExitCodes.Success;
            }, cancellationToken);
        });
        return command;
    }
}
