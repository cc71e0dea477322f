using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Protection;

/// <summary>
/// Collects the decrypted SKF fragments of one incoming message (RFC 7383 §2.6). Fragments are
/// authenticated one by one before they get here, so what is bounded is resource use: fragments per
/// message, bytes per message and the age of an incomplete message, measured on the injected
/// <see cref="TimeProvider"/> whenever a fragment arrives (there are no timers). One message is held at
/// a time; a fragment of another message ID discards it.
/// </summary>
public sealed class FragmentReassembler
{
    private readonly ReassemblyLimits _limits;
    private readonly TimeProvider _time;
    private byte[]?[] _fragments = [];
    private uint _messageId;
    private int _received;
    private int _size;
    private long _startedAt;
    private PayloadType _firstPayload;

    public FragmentReassembler(ReassemblyLimits limits, TimeProvider time)
    {
        _limits = limits;
        _time = time;
    }

    /// <summary>True while fragments of an incomplete message are held.</summary>
    public bool IsCollecting => _fragments.Length > 0;

    /// <summary>Adds the decrypted content of one fragment of message <paramref name="messageId"/>.</summary>
    public ReassemblyStatus Add(uint messageId, EncryptedFragmentPayload fragment, ReadOnlySpan<byte> content, [NotNullWhen(true)] out ReassembledMessage? message)
    {
        message = null;
        int total = fragment.TotalFragments;
        int number = fragment.FragmentNumber;
        if (total > _limits.MaxFragments || number < 1 || number > total || content.Length > _limits.MaxTotalSize)
        {
            return ReassemblyStatus.Rejected;
        }

        if (IsCollecting && _time.GetElapsedTime(_startedAt) > _limits.EffectiveTimeout)
        {
            Reset();
        }

        if (IsCollecting && messageId == _messageId && total != _fragments.Length)
        {
            // A retransmission re-fragmented smaller supersedes what is held; a larger one is stale (§2.6.1).
            if (total < _fragments.Length)
            {
                return ReassemblyStatus.Rejected;
            }

            Reset();
        }

        if (!IsCollecting || messageId != _messageId)
        {
            Start(messageId, total);
        }

        if (_fragments[number - 1] is not null)
        {
            return ReassemblyStatus.Duplicate;
        }

        if (_size + content.Length > _limits.MaxTotalSize)
        {
            Reset();
            return ReassemblyStatus.Rejected;
        }

        _fragments[number - 1] = content.ToArray();
        _size += content.Length;
        _received++;
        if (number == 1)
        {
            _firstPayload = fragment.FirstInnerPayload;
        }

        if (_received < _fragments.Length)
        {
            return ReassemblyStatus.Incomplete;
        }

        byte[] whole = new byte[_size];
        int offset = 0;
        foreach (byte[]? part in _fragments)
        {
            part!.CopyTo(whole, offset);
            offset += part.Length;
        }

        message = new ReassembledMessage(_messageId, _firstPayload, whole);
        Reset();
        return ReassemblyStatus.Complete;
    }

    /// <summary>Drops an incomplete message older than the timeout; returns whether one was dropped.</summary>
    public bool DiscardExpired()
    {
        if (!IsCollecting || _time.GetElapsedTime(_startedAt) <= _limits.EffectiveTimeout)
        {
            return false;
        }

        Reset();
        return true;
    }

    private void Start(uint messageId, int total)
    {
        _fragments = new byte[total][];
        _messageId = messageId;
        _received = 0;
        _size = 0;
        _firstPayload = PayloadType.None;
        _startedAt = _time.GetTimestamp();
    }

    private void Reset() => _fragments = [];
}
