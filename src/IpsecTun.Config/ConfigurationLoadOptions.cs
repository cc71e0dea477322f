namespace IpsecTun.Config;

/// <summary>What to load: a JSON file, then environment variables, then <c>--set</c> overrides, each winning over the one before.</summary>
/// <param name="Overrides"><c>path=value</c> pairs, the path in dots (<c>ip.ipsec.peer.0.address</c>) or colons.</param>
/// <param name="EnvironmentPrefix">Variables with this prefix override the file, with <c>__</c> between path parts.</param>
public sealed record ConfigurationLoadOptions(string Path, IReadOnlyList<string> Overrides, string EnvironmentPrefix = ConfigurationLoadOptions.DefaultEnvironmentPrefix)
{
    public const string DefaultEnvironmentPrefix = "IPSECTUN_";

    /// <summary>
    /// The variables under the prefix that commands read themselves and that are therefore not
    /// configuration, by name after the prefix (<c>IPSECTUN_CONTROL</c>: where the control socket is).
    /// </summary>
    public static IReadOnlyList<string> CommandVariables { get; } = ["CONTROL"];
}
