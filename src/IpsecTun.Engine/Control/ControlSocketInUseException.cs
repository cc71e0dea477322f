namespace IpsecTun.Engine.Control;

/// <summary>The control path cannot be taken: another endpoint answers there, or something that is not a socket is in the way.</summary>
public sealed class ControlSocketInUseException(string message) : IOException(message);
