using System.CommandLine;
using IpsecTun.Config.Import;

namespace IpsecTun.Cli;

/// <summary>
/// <c>ipsectun import-routeros FILE.rsc</c>: prints the configuration file for a RouterOS script on
/// stdout; skipped menus, notes and errors go to stderr.
/// </summary>
internal static class ImportRouterOsCommand
{
    public static Command Create()
    {
        var script = new Argument<FileInfo>("script") { Description = "A RouterOS export or script (.rsc)." };
        var command = new Command("import-routeros", "Converts a RouterOS IPsec configuration script into an ipsectun configuration file.") { script };
        command.SetAction(parseResult => Run(parseResult, parseResult.GetRequiredValue(script)));
        return command;
    }

    private static int Run(ParseResult parseResult, FileInfo script)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        string text;
        try
        {
            text = File.ReadAllText(script.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"ipsectun import-routeros: {script}: {e.Message}");
            return ExitCodes.Usage;
        }

        var result = RouterOsImporter.Import(text, script.ToString());
        foreach (var line in result.Skipped.Concat(result.Notes).Concat(result.Errors))
        {
            error.WriteLine(line);
        }

        if (!result.Succeeded)
        {
            return ExitCodes.InvalidConfiguration;
        }

        output.Write(result.Json);
        return ExitCodes.Success;
    }
}
