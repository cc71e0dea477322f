using System.Net;
using IpsecTun.Core;
using Microsoft.Extensions.Logging;

namespace IpsecTun.Engine.Runtime;

/// <summary>
/// The endpoint's log lines under RouterOS's topics (ipsec with info, error or debug). Messages name
/// peers, addresses and SPIs, never keys or secrets.
/// </summary>
internal static partial class EndpointLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "ipsec,info {Peer}: {Text}")]
    public static partial void Info(ILogger logger, string peer, string text);

    [LoggerMessage(Level = LogLevel.Debug, Message = "ipsec,debug {Peer}: {Text}")]
    public static partial void Debug(ILogger logger, string peer, string text);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ipsec,error {Peer}: {Text}")]
    public static partial void Problem(ILogger logger, string peer, string text);

    [LoggerMessage(Level = LogLevel.Error, Message = "ipsec,error {Loop} loop: caught and carried on")]
    public static partial void LoopFault(ILogger logger, Exception exception, string loop);

    [LoggerMessage(Level = LogLevel.Information, Message = "ipsec,info route {Prefix} into {Device}")]
    public static partial void Route(ILogger logger, IpPrefix prefix, string device);

    [LoggerMessage(Level = LogLevel.Information, Message = "ipsec,info route {Destination}/{Length} into {Device} in table {Table}, which the endpoint's own packets bypass")]
    public static partial void PeerRoute(ILogger logger, IPAddress destination, int length, string device, int table);

    [LoggerMessage(Level = LogLevel.Information, Message = "ipsec,info {Peer}: initiating to {Address}")]
    public static partial void Initiating(ILogger logger, string peer, IPAddress address);

    [LoggerMessage(Level = LogLevel.Information, Message = "ipsec,info {Peer}: {HostName} resolves to {Address}")]
    public static partial void Resolved(ILogger logger, string peer, string hostName, IPAddress address);

    [LoggerMessage(Level = LogLevel.Information, Message = "ipsec,info {Peer}: initiating again in {Seconds}s")]
    public static partial void Reconnecting(ILogger logger, string peer, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "ipsec,info {Peer}: source NAT {Rule}")]
    public static partial void SourceNatApplied(ILogger logger, string peer, object? rule);

    [LoggerMessage(Level = LogLevel.Information, Message = "ipsec,info {Peer}: mode-config applied on {Device}: {Result}")]
    public static partial void ModeConfigApplied(ILogger logger, string peer, string device, Ike.Sa.ModeConfigResult result);

    [LoggerMessage(Level = LogLevel.Information, Message = "ipsec,info {Peer}: mode-config released: {Result}")]
    public static partial void ModeConfigReleased(ILogger logger, string peer, Ike.Sa.ModeConfigResult result);

    [LoggerMessage(Level = LogLevel.Debug, Message = "ipsec,debug IKE_SA_INIT from {Address}, which no peer matches: dropped")]
    public static partial void NoPeer(ILogger logger, IPEndPoint address);
}
