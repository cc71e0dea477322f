namespace IpsecTun.Engine.Control.Protocol;

/// <summary>How a connect ended; the last message for its request.</summary>
public sealed record ConnectResponse(ConnectOutcome Outcome) : ControlResponse;
