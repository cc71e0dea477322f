namespace IpsecTun.Engine.Control.Protocol;

/// <summary>The request was malformed or failed inside the endpoint; one line for the user.</summary>
public sealed record ErrorResponse(string Message) : ControlResponse;
