namespace IpsecTun.Engine.Control.Protocol;

/// <summary>Brings up a peer; answered by <see cref="ProgressResponse"/>s and then one <see cref="ConnectResponse"/>.</summary>
/// <param name="Peer">The peer's name in the configuration.</param>
/// <param name="Timeout">How long the endpoint waits for the Child SAs before it answers with a timeout.</param>
public sealed record ConnectRequest(string Peer, TimeSpan Timeout) : ControlRequest;
