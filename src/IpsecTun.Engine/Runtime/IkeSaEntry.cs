using IpsecTun.Engine.Eap;
using IpsecTun.Ike.Sa;

namespace IpsecTun.Engine.Runtime;

/// <summary>One IKE SA in the endpoint's table, with what the views and the connect command need about it.</summary>
internal sealed class IkeSaEntry(IkeSa sa, PeerRuntime? peer, long createdAt)
{
    /// <summary>How many diagnostic lines are kept to explain a failure.</summary>
    private const int DiagnosticLines = 16;

    private readonly Queue<string> _diagnostics = new();

    public IkeSa Sa { get; } = sa;

    public PeerRuntime? Peer { get; set; } = peer;

    public (ulong InitiatorSpi, bool Initiator) Key => (Sa.InitiatorSpi, Sa.IsInitiator);

    public long CreatedAt { get; } = createdAt;

    public DateTimeOffset? EstablishedAt { get; set; }

    /// <summary>The timestamp of the last datagram that reached this SA.</summary>
    public long LastSeen { get; set; } = createdAt;

    /// <summary>When this side last sent a NAT keepalive for the SA's mapping.</summary>
    public long LastKeepalive { get; set; } = createdAt;

    /// <summary>This side asked for the delete (disconnect, kill-connections, reload, stop).</summary>
    public bool DeletedLocally { get; set; }

    /// <summary>The RADIUS accounting of the session this SA carries, when RADIUS authenticated it.</summary>
    public RadiusAccountingSession? Accounting { get; set; }

    public bool IsOver => Sa.State is IkeSaState.Closed or IkeSaState.Failed;

    public IEnumerable<string> Diagnostics => _diagnostics;

    public void Remember(string line)
    {
        if (_diagnostics.Count == DiagnosticLines)
        {
            _diagnostics.Dequeue();
        }

        _diagnostics.Enqueue(line);
    }
}
