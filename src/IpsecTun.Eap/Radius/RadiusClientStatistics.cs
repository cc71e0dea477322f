namespace IpsecTun.Eap.Radius;

/// <summary>What a <see cref="RadiusClient"/> has dropped and retried; read without locks, so figures may lag.</summary>
public sealed class RadiusClientStatistics
{
    private long _malformed;
    private long _unexpected;
    private long _rejected;
    private long _retransmissions;
    private long _failovers;
    private long _unanswered;

    /// <summary>Datagrams too short or not parseable as RADIUS.</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Datagrams from a source or with an identifier no request is waiting for.</summary>
    public long Unexpected => Interlocked.Read(ref _unexpected);

    /// <summary>Datagrams that failed verification: forged or wrong Response Authenticator or Message-Authenticator.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    public long Retransmissions => Interlocked.Read(ref _retransmissions);

    public long Failovers => Interlocked.Read(ref _failovers);

    /// <summary>Requests that no server answered.</summary>
    public long Unanswered => Interlocked.Read(ref _unanswered);

    internal void CountMalformed() => Interlocked.Increment(ref _malformed);

    internal void CountUnexpected() => Interlocked.Increment(ref _unexpected);

    internal void CountRejected() => Interlocked.Increment(ref _rejected);

    internal void CountRetransmission() => Interlocked.Increment(ref _retransmissions);

    internal void CountFailover() => Interlocked.Increment(ref _failovers);

    internal void CountUnanswered() => Interlocked.Increment(ref _unanswered);
}
