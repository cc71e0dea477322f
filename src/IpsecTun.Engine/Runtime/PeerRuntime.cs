using System.Net;
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

    /// <summary>A DNS lookup of the peer's name is under way.</summary>
    public bool Resolving { get; set; }

    /// <summary>
    /// The address the peer's DNS name resolved to last (null for a peer given as an address, or before its
    /// name resolved): this side connects there, keeps it out of the adapter's routes and answers requests
    /// from it as this peer. A new answer replaces it; a failed lookup leaves it.
    /// </summary>
    public IPAddress? ResolvedAddress { get; set; }

    /// <summary>The lookup under way is for an initiation, which starts once it answers.</summary>
    public bool InitiateWhenResolved { get; set; }

    /// <summary>When the last lookup of the peer's name started, which spaces the lookups requests from unknown addresses ask for.</summary>
    public long? LookedUpAt { get; set; }

    /// <summary>The IKE SA this side initiated and that is still alive.</summary>
    public IkeSaEntry? Initiated { get; set; }

    public List<ConnectWaiter> Waiters { get; } = [];

    /// <summary>What this side applied from the peer's mode-config answer, while an IKE SA with the peer lives.</summary>
    public ModeConfigSession? ModeConfig { get; set; }

    /// <summary>True when <paramref name="policy"/> (configured or dynamic) belongs to this peer.</summary>
    public bool Owns(SecurityPolicy policy) => string.Equals(policy.Peer, Name, StringComparison.Ordinal);
}
