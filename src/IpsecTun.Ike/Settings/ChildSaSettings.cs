using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Settings;

/// <summary>
/// What one Child SA may carry: its proposals, the traffic selectors on this side and the peer's,
/// the mode, the hard lifetime and the IPsec protocol (the policy's ipsec-protocols): ESP, or AH, whose
/// proposals take only the integrity algorithms (and PFS groups and ESN) of the proposal settings.
/// </summary>
public sealed record ChildSaSettings(
    IReadOnlyList<ChildProposalSettings> Proposals,
    IReadOnlyList<TrafficSelector> LocalSelectors,
    IReadOnlyList<TrafficSelector> RemoteSelectors,
    ChildSaMode Mode,
    TimeSpan Lifetime,
    ProtocolId Protocol = ProtocolId.Esp);
