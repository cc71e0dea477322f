using System.Text.Json.Serialization;

namespace IpsecTun.Engine.Control.Protocol;

/// <summary>
/// One request to the control socket: a JSON object on one line, named by its <c>command</c> property
/// (<c>{"command":"show","menu":"ActivePeers","with-keys":false}</c>).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "command")]
[JsonDerivedType(typeof(ConnectRequest), "connect")]
[JsonDerivedType(typeof(DisconnectRequest), "disconnect")]
[JsonDerivedType(typeof(ShowRequest), "show")]
[JsonDerivedType(typeof(ReloadRequest), "reload")]
[JsonDerivedType(typeof(KillConnectionsRequest), "kill-connections")]
[JsonDerivedType(typeof(FlushSaRequest), "flush-sa")]
public abstract record ControlRequest;
