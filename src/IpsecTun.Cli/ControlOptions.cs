using System.CommandLine;
using IpsecTun.Config;
using IpsecTun.Engine.Control;

namespace IpsecTun.Cli;

/// <summary>
/// <c>--control PATH</c> and <c>--config FILE</c>, which every command that talks to a running endpoint
/// has, and the socket they name: <c>--control</c>, else <c>IPSECTUN_CONTROL</c>, else
/// <c>ipsectun.control</c> of the <c>--config</c> file, else the default.
/// </summary>
internal sealed class ControlOptions
{
    public Option<string> Control { get; } = new("--control")
    {
        Description = $"The endpoint's control socket (default: ${ControlPath.EnvironmentVariable}, else ipsectun.control of --config, else {EndpointSettings.DefaultControl}).",
        HelpName = "PATH",
    };

    public Option<FileInfo> Config { get; } = new("--config", "-c")
    {
        Description = "The endpoint's configuration file, for the control socket it names (ipsectun.control); it is loaded and checked as 'ipsectun check' would.",
        HelpName = "FILE",
    };

    /// <summary>
    /// The control socket to use, or null when the <c>--config</c> file has errors: then each is
    /// printed on its own line, and the command exits <see cref="ExitCodes.InvalidConfiguration"/>.
    /// </summary>
    public string? Resolve(ParseResult parseResult, TextWriter error)
    {
        IpsecConfiguration? configuration = null;
        if (parseResult.GetValue(Config) is { } file)
        {
            // Loaded even when --control or the variable wins, so a broken file never goes unnoticed.
            ConfigurationLoadResult loaded = ConfigurationLoader.Load(new ConfigurationLoadOptions(file.ToString(), []));
            if (!loaded.Succeeded)
            {
                foreach (ConfigurationError e in loaded.Errors)
                {
                    error.WriteLine(e);
                }

                return null;
            }

            configuration = loaded.Configuration;
        }

        return ControlPath.Resolve(parseResult.GetValue(Control), configuration);
    }
}
