using System.Runtime.CompilerServices;
using IpsecTun.Ike.Sa;

namespace IpsecTun.Engine.Eap;

/// <summary>
/// The Access-Accepts of IKE SAs authenticated through RADIUS, from the moment EAP succeeds until the endpoint
/// opens the session's accounting once the SA is established. Held weakly, so an SA that fails after EAP
/// (a wrong AUTH) leaves nothing behind.
/// </summary>
internal static class RadiusAuthorizations
{
    private static readonly ConditionalWeakTable<IkeSa, RadiusAuthorization> Accepted = [];

    public static void Remember(IkeSa sa, RadiusAuthorization authorization) => Accepted.AddOrUpdate(sa, authorization);

    /// <summary>The authorization of <paramref name="sa"/>, removed from the table; null when RADIUS did not authenticate it.</summary>
    public static RadiusAuthorization? Take(IkeSa sa) =>
        Accepted.TryGetValue(sa, out RadiusAuthorization? authorization) && Accepted.Remove(sa) ? authorization : null;
}
