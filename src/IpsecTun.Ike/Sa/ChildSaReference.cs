using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Sa;

/// <summary>
/// A Child SA this IKE SA installed: its SPIs and what it carries (the keys live with the host), and the
/// settings it was negotiated under, whose proposals and lifetime its rekeys and re-creation use.
/// </summary>
public sealed record ChildSaReference(
    ProtocolId Protocol, uint InboundSpi, uint OutboundSpi, ChildSaMode Mode,
    IReadOnlyList<TrafficSelector> LocalSelectors, IReadOnlyList<TrafficSelector> RemoteSelectors, ChildSaSettings Settings);
