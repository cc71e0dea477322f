namespace IpsecTun.Engine.Control.Protocol;

/// <summary>Removes every installed SA; answered by a <see cref="CountResponse"/>.</summary>
public sealed record FlushSaRequest : ControlRequest;
