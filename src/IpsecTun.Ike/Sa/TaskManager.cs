using System.Security.Cryptography;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Settings;
using IpsecTun.Ike.Tasks;

namespace IpsecTun.Ike.Sa;

/// <summary>
/// Message IDs and reliability for one IKE SA with a window of one (RFC 7296 §2.3): one outstanding
/// request of ours, retransmitted with exponential back-off; and for the peer's requests the next
/// expected ID and the last response, sent again when the request is retransmitted.
/// </summary>
internal sealed class TaskManager
{
    private readonly LinkedList<IkeTask> _queue = new();
    private readonly RetransmissionSettings _retransmission;
    private readonly TimeProvider _time;
    private IReadOnlyList<byte[]>? _activeDatagrams;
    private int _transmissions;
    private long _retransmitAt;
    private uint _cachedResponseId;
    private byte[]? _cachedRequestHash;
    private IReadOnlyList<byte[]>? _cachedResponse;

    public TaskManager(RetransmissionSettings retransmission, TimeProvider time)
    {
        _retransmission = retransmission;
        _time = time;
    }

    public IkeTask? Active { get; private set; }

    public uint ActiveMessageId { get; private set; }

    public uint NextRequestId { get; private set; }

    public uint ExpectedRequestId { get; private set; }

    public int QueuedCount => _queue.Count;

    public void Queue(IkeTask task) => _queue.AddLast(task);

    /// <summary>Whether the active task or a queued one is one that <paramref name="match"/> selects.</summary>
    public bool Has(Func<IkeTask, bool> match) => (Active is { } active && match(active)) || _queue.Any(match);

    public bool TryDequeue([NotNullWhen(true)] out IkeTask? task)
    {
        task = Active is null ? _queue.First?.Value : null;
        if (task is not null)
        {
            _queue.RemoveFirst();
        }

        return task is not null;
    }

    public void Start(IkeTask task, uint messageId, IReadOnlyList<byte[]> datagrams)
    {
        Active = task;
        ActiveMessageId = messageId;
        _activeDatagrams = datagrams;
        _transmissions = 1;
        _retransmitAt = Deadline(_retransmission.TimeoutAfter(1));
    }

    /// <summary>Ends the active exchange; a retried task goes back to the front of the queue.</summary>
    public void Complete(TaskOutcome outcome)
    {
        IkeTask task = Active!;
        Active = null;
        _activeDatagrams = null;
        // An IKE_SA_INIT retried after INVALID_KE_PAYLOAD or COOKIE is again message 0 (RFC 7296 §2.6, §1.2).
        if (outcome != TaskOutcome.Retry || task.Exchange != ExchangeType.IkeSaInit)
        {
            NextRequestId++;
        }

        if (outcome == TaskOutcome.Retry)
        {
            _queue.AddFirst(task);
        }
    }

    /// <summary>The request to send again now, if its timer ran out; <paramref name="exhausted"/> when no retries remain.</summary>
    public IReadOnlyList<byte[]>? DueRetransmission(out bool exhausted)
    {
        exhausted = false;
        if (_activeDatagrams is null || _time.GetTimestamp() < _retransmitAt)
        {
            return null;
        }

        if (_transmissions > _retransmission.MaxRetransmissions)
        {
            exhausted = true;
            return null;
        }

        _transmissions++;
        _retransmitAt = Deadline(_retransmission.TimeoutAfter(_transmissions));
        return _activeDatagrams;
    }

    /// <summary>
    /// The cached response when <paramref name="request"/> is a byte-identical copy of the request answered
    /// last; anything else under that message ID is not a retransmission and gets no answer.
    /// </summary>
    public IReadOnlyList<byte[]>? CachedResponseFor(uint messageId, ReadOnlySpan<byte> request) =>
        _cachedResponse is not null && messageId == _cachedResponseId && SHA256.HashData(request).AsSpan().SequenceEqual(_cachedRequestHash)
            ? _cachedResponse
            : null;

    public void Responded(uint messageId, ReadOnlySpan<byte> request, IReadOnlyList<byte[]> response)
    {
        _cachedResponseId = messageId;
        _cachedRequestHash = SHA256.HashData(request);
        _cachedResponse = response;
        ExpectedRequestId = messageId + 1;
    }

    private long Deadline(TimeSpan after) => _time.GetTimestamp() + (long)(after.TotalSeconds * _time.TimestampFrequency);
}
