using System.Net;
using IpsecTun.Crypto;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Sa;

/// <summary>
/// The host's gate for IKE_SA_INIT requests that match no existing IKE SA: it counts the responder SAs the
/// host tracks (half-open ones, those not yet established, and all live ones per peer address) and applies
/// <see cref="ResponderLimits"/>, with a rotating <see cref="CookieChallenge"/> under half-open load.
/// Not thread-safe, like the SAs it counts.
/// </summary>
public sealed class ResponderAdmission : IDisposable
{
    private readonly ResponderLimits _limits;
    private readonly CookieChallenge _cookies;
    private readonly List<(IkeSa Sa, IPAddress Peer)> _tracked = [];

    public ResponderAdmission(ResponderLimits limits, RandomSource random, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits;
        _cookies = new CookieChallenge(random, time, limits.EffectiveCookieSecretRotation);
    }

    /// <summary>Responder SAs that have not completed IKE_AUTH yet.</summary>
    public int HalfOpenCount
    {
        get
        {
            Prune();
            return _tracked.Count(t => t.Sa.State is IkeSaState.Created or IkeSaState.Authenticating);
        }
    }

    /// <summary>
    /// Decides on one IKE_SA_INIT request from <paramref name="from"/>; with <see cref="AdmissionDecision.Cookie"/>
    /// <paramref name="cookieReply"/> is the datagram to send back.
    /// </summary>
    public AdmissionDecision Admit(ReadOnlySpan<byte> datagram, IPEndPoint from, out byte[]? cookieReply)
    {
        ArgumentNullException.ThrowIfNull(from);
        cookieReply = null;
        int halfOpen = HalfOpenCount;
        if (halfOpen >= _limits.MaxHalfOpen || _tracked.Count(t => t.Peer.Equals(from.Address)) >= _limits.MaxSasPerPeer)
        {
            return AdmissionDecision.Drop;
        }

        _cookies.Required = halfOpen >= _limits.CookieThreshold;
        cookieReply = _cookies.Check(datagram, from);
        return cookieReply is null ? AdmissionDecision.Create : AdmissionDecision.Cookie;
    }

    /// <summary>Counts <paramref name="sa"/> (a responder the host created, or an SA a rekey created) against <paramref name="peer"/> until it closes.</summary>
    public void Track(IkeSa sa, IPAddress peer)
    {
        ArgumentNullException.ThrowIfNull(sa);
        ArgumentNullException.ThrowIfNull(peer);
        _tracked.Add((sa, peer));
    }

    public void Dispose() => _cookies.Dispose();

    private void Prune() => _tracked.RemoveAll(t => t.Sa.State is IkeSaState.Closed or IkeSaState.Failed);
}
