namespace IpsecTun.Engine.Control.Protocol;

/// <summary>The result of a reload.</summary>
public sealed record ReloadResponse(ReloadOutcome Outcome) : ControlResponse;
