using Microsoft.Extensions.Logging;

namespace IpsecTun.Cli;

/// <summary>The run command's own log lines.</summary>
internal static partial class RunLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "ipsec,info configuration reloaded: {Kept} tunnels kept, {Restarted} restarted")]
    public static partial void Reloaded(ILogger logger, int kept, int restarted);

    [LoggerMessage(Level = LogLevel.Error, Message = "ipsec,error reload refused, the running configuration stays: {Errors}")]
    public static partial void ReloadFailed(ILogger logger, string errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ipsec,warning an earlier run ended without cleaning up ({Path}): {Removed} leftovers removed, {AlreadyGone} already gone{Failures}")]
    public static partial void StaleStateCleaned(ILogger logger, string path, int removed, int alreadyGone, string failures);
}
