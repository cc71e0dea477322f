using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Sa;

/// <summary>A Child SA this IKE SA installed: its SPIs and what it carries (the keys live with the host).</summary>
public sealed record ChildSaReference(
    ProtocolId Protocol, uint InboundSpi, uint OutboundSpi, ChildSaMode Mode,
    IReadOnlyList<TrafficSelector> LocalSelectors, IReadOnlyList<TrafficSelector> RemoteSelectors);
