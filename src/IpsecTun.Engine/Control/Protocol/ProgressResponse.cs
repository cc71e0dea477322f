namespace IpsecTun.Engine.Control.Protocol;

/// <summary>A connect reached <paramref name="Phase"/>; more messages follow.</summary>
public sealed record ProgressResponse(ConnectPhase Phase) : ControlResponse;
