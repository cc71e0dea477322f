using IpsecTun.Config;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Plan;

/// <summary>
/// A planned peer with the IKE settings of each of its enabled identities, in configured order, for the responder
/// lookup, and the configured identities they were planned from (same order), for what a server gives each one.
/// </summary>
internal sealed record ResponderPeer(PeerPlan Plan, IReadOnlyList<IkeSaSettings> Identities, IReadOnlyList<Identity> ConfiguredIdentities)
{
    /// <summary>The configured identity <paramref name="planned"/> (one of <see cref="Identities"/>) was planned from.</summary>
    public Identity? ConfiguredIdentityOf(IkeSaSettings planned)
    {
        for (int i = 0; i < Identities.Count && i < ConfiguredIdentities.Count; i++)
        {
            if (ReferenceEquals(Identities[i], planned))
            {
                return ConfiguredIdentities[i];
            }
        }

        return null;
    }
}
