using IpsecTun.Eap.Radius;
using Microsoft.Extensions.Logging;

namespace IpsecTun.Engine.Runtime;

/// <summary>The log lines of RADIUS accounting, under RouterOS's ipsec topics; they name the user and the session, never the secret.</summary>
internal static partial class AccountingLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "ipsec,debug {Peer}: RADIUS accounting {Status} of {User} (session {SessionId}) acknowledged")]
    public static partial void Acknowledged(ILogger logger, string peer, AccountingStatusType status, string user, string sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ipsec,error {Peer}: RADIUS accounting {Status} of {User} (session {SessionId}): no server acknowledged it")]
    public static partial void Unanswered(ILogger logger, string peer, AccountingStatusType status, string user, string sessionId);
}
