namespace IpsecTun.Engine.Control.Protocol;

/// <summary>Loads the configuration again; answered by a <see cref="ReloadResponse"/>.</summary>
public sealed record ReloadRequest : ControlRequest;
