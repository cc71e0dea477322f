using System.Text.Json.Serialization;

namespace IpsecTun.Engine.Control.Protocol;

/// <summary>One message from the endpoint to a control client, named by its <c>type</c> property.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ProgressResponse), "progress")]
[JsonDerivedType(typeof(ConnectResponse), "connect")]
[JsonDerivedType(typeof(DisconnectResponse), "disconnect")]
[JsonDerivedType(typeof(ShowResponse), "show")]
[JsonDerivedType(typeof(ReloadResponse), "reload")]
[JsonDerivedType(typeof(CountResponse), "count")]
[JsonDerivedType(typeof(ErrorResponse), "error")]
[JsonDerivedType(typeof(RefusedResponse), "refused")]
public abstract record ControlResponse;
