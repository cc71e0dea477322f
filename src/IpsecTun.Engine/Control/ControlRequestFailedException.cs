namespace IpsecTun.Engine.Control;

/// <summary>The endpoint answered with an error: the request was malformed or failed inside the endpoint.</summary>
public sealed class ControlRequestFailedException(string message) : Exception(message);
