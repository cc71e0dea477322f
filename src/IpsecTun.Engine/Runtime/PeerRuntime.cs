using IpsecTun.Engine.Plan;
using IpsecTun.Esp;

namespace IpsecTun.Engine.Runtime;

/// <summary>
/// The running state of one configured peer: its plan, whether a user disconnected it, when it is
/// re-initiated next, the IKE SA this side started, the packets waiting for its Child SAs and the
/// connect commands waiting for it. Touched only on the IKE thread.
/// </summary>
internal sealed class PeerRuntime(PeerPlan plan)
{
    public PeerPlan Plan { get; set; } = plan;

    public string Name => Plan.Name;

    /// <summary>Set by disconnect: no initiation (automatic or by traffic) until the next connect.</summary>
    public bool Disconnected { get; set; }

    public ReconnectBackoff Backoff { get; } = new();

    /// <summary>When set, the peer is initiated once this much time passed since <see cref="ReconnectFrom"/>.</summary>
    public TimeSpan? ReconnectAfter { get; set; }

    public long ReconnectFrom { get; set; }

    /// <summary>A DNS lookup for the next initiation is under way.</summary>
    public bool Resolving { get; set; }

    /// <summary>The IKE SA this side initiated and that is still alive.</summary>
    public IkeSaEntry? Initiated { get; set; }

    public List<ConnectWaiter> Waiters { get; } = [];

    /// <summary>What this side applied from the peer's mode-config answer, while an IKE SA with the peer lives.</summary>
    public ModeConfigSession? ModeConfig { get; set; }

    /// <summary>True when <paramref name="policy"/> (configured or dynamic) belongs to this peer.</summary>
    public bool Owns(SecurityPolicy policy) => string.Equals(policy.Peer, Name, StringComparison.Ordinal);
}
