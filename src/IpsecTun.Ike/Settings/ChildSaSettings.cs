using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Settings;

/// <summary>
/// What one Child SA may carry: its proposals, the traffic selectors on this side and the peer's,
/// the mode, the hard lifetime and the IPsec protocol (the policy's ipsec-protocols): ESP, or AH, whose
/// proposals take only the integrity algorithms (and PFS groups and ESN) of the proposal settings.
/// <paramref name="Unique"/> is the policy's level=unique: its Child SAs serve that policy alone. A responder
/// then negotiates a request that lies within these selectors under these settings only (never under another
/// policy's that would also fit), and the host binds SAs negotiated under them to that policy and no other
/// (<see cref="Sa.ChildSaInstallation.Settings"/>).
/// </summary>
public sealed record ChildSaSettings(
    IReadOnlyList<ChildProposalSettings> Proposals,
    IReadOnlyList<TrafficSelector> LocalSelectors,
    IReadOnlyList<TrafficSelector> RemoteSelectors,
    ChildSaMode Mode,
    TimeSpan Lifetime,
    ProtocolId Protocol = ProtocolId.Esp,
    bool Unique = false);
