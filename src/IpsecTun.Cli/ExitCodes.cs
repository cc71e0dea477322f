namespace IpsecTun.Cli;

/// <summary>What the command's exit status means, the same for every command.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command line was wrong (System.CommandLine's own parse errors exit with this too).</summary>
    public const int Usage = 1;

    /// <summary>The configuration or script has errors, each printed on its own line.</summary>
    public const int InvalidConfiguration = 2;
}
