using System.CommandLine;
using IpsecTun.Config;

namespace IpsecTun.Cli;

/// <summary><c>ipsectun check --config FILE [--set path=value]…</c>: loads and validates a configuration.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config", "-c")
        {
            Description = "The configuration file (JSON).",
            Required = true,
        };
        var set = new Option<string[]>("--set")
        {
            Description = "Overrides a value: path=value, the path in dots (ip.ipsec.peer.0.address=192.0.2.1). Repeatable.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("check", "Loads the configuration as the endpoint would and prints every error in it.") { config, set };
        command.SetAction(parseResult => Run(parseResult, parseResult.GetRequiredValue(config), parseResult.GetValue(set) ?? []));
        return command;
    }

    private static int Run(ParseResult parseResult, FileInfo config, string[] overrides)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        foreach (var text in overrides)
        {
            if (!ConfigurationOverride.TryParse(text, out _, out _))
            {
                // Not echoed: a mistyped --set may hold a secret.
                error.WriteLine("ipsectun check: --set takes path=value, such as ip.ipsec.peer.0.address=192.0.2.1");
                return ExitCodes.Usage;
            }
        }

        var result = ConfigurationLoader.Load(new ConfigurationLoadOptions(config.ToString(), overrides));
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                error.WriteLine(e);
            }

            return ExitCodes.InvalidConfiguration;
        }

        var c = result.Configuration;
        output.WriteLine(
            $"{config}: valid: {c.Peers.Length} peers, {c.Identities.Length} identities, {c.Policies.Length} policies, " +
            $"{c.Profiles.Length} profiles, {c.Proposals.Length} proposals, {c.ModeConfigs.Length} mode-configs");
        return ExitCodes.Success;
    }
}
