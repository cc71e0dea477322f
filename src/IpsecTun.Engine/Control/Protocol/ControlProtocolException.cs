namespace IpsecTun.Engine.Control.Protocol;

/// <summary>The other side broke the framing (a message too long, or cut off by the end of the connection).</summary>
public sealed class ControlProtocolException(string message) : IOException(message);
