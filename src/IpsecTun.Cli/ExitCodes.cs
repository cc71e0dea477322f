namespace IpsecTun.Cli;

/// <summary>What the command's exit status means, the same for every command; nothing exits outside 0-6.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command line was wrong (System.CommandLine's own parse errors exit with this too), or named a peer that is not configured.</summary>
    public const int Usage = 1;

    /// <summary>The configuration or script has errors, each printed on its own line.</summary>
    public const int InvalidConfiguration = 2;

    /// <summary>The peers found no proposal both accept, in phase 1 or phase 2.</summary>
    public const int NoProposalChosen = 3;

    /// <summary>Either side refused the other's authentication.</summary>
    public const int AuthenticationFailed = 4;

    /// <summary>The peer did not answer in time or could not be reached (or the endpoint itself did not answer in time).</summary>
    public const int Timeout = 5;

    /// <summary>
    /// No running endpoint at the control socket serves this caller: nothing answers there, the caller may
    /// not use the socket (permission refused), or the endpoint failed while carrying the request out.
    /// </summary>
    public const int NoEndpoint = 6;
}
