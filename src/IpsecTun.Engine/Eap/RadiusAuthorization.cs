using IpsecTun.Eap.Radius;

namespace IpsecTun.Engine.Eap;

/// <summary>A RADIUS server's Access-Accept for one IKE SA, and the servers that accounting for its session goes to.</summary>
internal sealed record RadiusAuthorization(RadiusBackend Backend, RadiusPacket Accept);
