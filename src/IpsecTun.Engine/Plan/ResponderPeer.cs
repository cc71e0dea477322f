using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Plan;

/// <summary>A planned peer with the IKE settings of each of its enabled identities, in configured order, for the responder lookup.</summary>
internal sealed record ResponderPeer(PeerPlan Plan, IReadOnlyList<IkeSaSettings> Identities);
