namespace IpsecTun.Engine.Control.Protocol;

/// <summary>Whether the peer to disconnect is configured.</summary>
public sealed record DisconnectResponse(bool Found) : ControlResponse;
