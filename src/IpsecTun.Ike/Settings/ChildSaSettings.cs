using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Settings;

/// <summary>
/// What one Child SA may carry: its ESP proposals, the traffic selectors on this side and the peer's,
/// the mode and the hard lifetime.
/// </summary>
public sealed record ChildSaSettings(
    IReadOnlyList<ChildProposalSettings> Proposals,
    IReadOnlyList<TrafficSelector> LocalSelectors,
    IReadOnlyList<TrafficSelector> RemoteSelectors,
    ChildSaMode Mode,
    TimeSpan Lifetime);
