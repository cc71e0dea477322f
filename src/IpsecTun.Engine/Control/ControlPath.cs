using IpsecTun.Config;

namespace IpsecTun.Engine.Control;

/// <summary>
/// Where the control socket is: <c>--control</c>, else the <c>IPSECTUN_CONTROL</c> environment
/// variable, else <c>ipsectun.control</c> from the configuration (when the command has one), else
/// <c>/run/ipsectun/ipsectun.sock</c> (<c>\\.\pipe\ipsectun</c> on Windows).
/// </summary>
public static class ControlPath
{
    public const string EnvironmentVariable = ConfigurationLoadOptions.DefaultEnvironmentPrefix + "CONTROL";

    private const string PipePrefix = @"\\.\pipe\";

    /// <param name="option">The <c>--control</c> value, or null when not given.</param>
    /// <param name="configuration">The configuration of the endpoint, when the command loads one.</param>
    public static string Resolve(string? option, IpsecConfiguration? configuration = null)
    {
        if (!string.IsNullOrEmpty(option))
        {
            return option;
        }

        var variable = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(variable))
        {
            return variable;
        }

        return configuration?.Endpoint.Control ?? EndpointSettings.DefaultControl;
    }

    /// <summary>The pipe name in a Windows control path: <c>\\.\pipe\NAME</c> or a bare name.</summary>
    public static string PipeName(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.StartsWith(PipePrefix, StringComparison.OrdinalIgnoreCase) ? path[PipePrefix.Length..] : path;
    }
}
