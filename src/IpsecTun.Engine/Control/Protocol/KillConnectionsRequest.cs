namespace IpsecTun.Engine.Control.Protocol;

/// <summary>Deletes every IKE SA; answered by a <see cref="CountResponse"/>.</summary>
public sealed record KillConnectionsRequest : ControlRequest;
