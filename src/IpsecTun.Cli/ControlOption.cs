using System.CommandLine;
using IpsecTun.Config;
using IpsecTun.Engine.Control;

namespace IpsecTun.Cli;

/// <summary>The <c>--control PATH</c> option every command that talks to a running endpoint has.</summary>
internal static class ControlOption
{
    public static Option<string> Create() => new("--control")
    {
        Description = $"The endpoint's control socket (default: ${ControlPath.EnvironmentVariable}, else {EndpointSettings.DefaultControl}).",
        HelpName = "PATH",
    };
}
