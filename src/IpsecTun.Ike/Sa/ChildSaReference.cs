using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Sa;

/// <summary>A Child SA this IKE SA installed, by its SPIs (the keys live with the host).</summary>
public sealed record ChildSaReference(ProtocolId Protocol, uint InboundSpi, uint OutboundSpi);
