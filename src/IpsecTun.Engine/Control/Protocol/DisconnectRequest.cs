namespace IpsecTun.Engine.Control.Protocol;

/// <summary>Deletes a peer's SAs; answered by a <see cref="DisconnectResponse"/>.</summary>
public sealed record DisconnectRequest(string Peer) : ControlRequest;
