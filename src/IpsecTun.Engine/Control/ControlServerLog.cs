using Microsoft.Extensions.Logging;

namespace IpsecTun.Engine.Control;

/// <summary>What the control server logs.</summary>
internal static partial class ControlServerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "control socket listening on {Path}")]
    public static partial void Listening(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "control client refused: {Reason}")]
    public static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "control request {Request} failed")]
    public static partial void CommandFailed(ILogger logger, string request, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "control client connection ended")]
    public static partial void ConnectionEnded(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "control socket stopped accepting clients")]
    public static partial void AcceptFailed(ILogger logger, Exception exception);
}
