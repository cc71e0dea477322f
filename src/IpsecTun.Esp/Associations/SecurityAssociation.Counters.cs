namespace IpsecTun.Esp;

public sealed partial class SecurityAssociation
{
    /// <summary>Without ESN the 32-bit counter must not cycle; soft is signalled this far before the end to leave time to rekey.</summary>
    private const ulong SequenceSoftMargin = 1UL << 28;

    private ulong _lastSequence;
    private long _bytes;
    private long _packets;

    /// <summary>current-bytes: payload bytes protected or accepted.</summary>
    public long CurrentBytes => Volatile.Read(ref _bytes);

    public long Packets => Volatile.Read(ref _packets);

    /// <summary>The last outbound sequence number handed out.</summary>
    public ulong LastSequence => Volatile.Read(ref _lastSequence);

    private ulong SequenceLimit => ExtendedSequenceNumbers ? ulong.MaxValue : uint.MaxValue;

    /// <summary>
    /// Hands out the next outbound sequence number; unique across workers. Fails once the space is
    /// exhausted, which kills the SA: RFC 4303 §3.3.3 forbids cycling the counter without a new SA.
    /// </summary>
    internal bool TryNextSequence(out ulong sequence)
    {
        sequence = Interlocked.Increment(ref _lastSequence);
        if (sequence == 0 || sequence > SequenceLimit)
        {
            Reach(LifetimeLimit.Hard, LifetimeMeasure.SequenceNumbers);
            return false;
        }

        if (sequence == SequenceLimit - SequenceSoftMargin)
        {
            Reach(LifetimeLimit.Soft, LifetimeMeasure.SequenceNumbers);
        }

        return true;
    }

    /// <summary>Sets the counter so the next number is <paramref name="last"/> + 1; for tests near the end of the space.</summary>
    internal void SetLastSequence(ulong last) => Volatile.Write(ref _lastSequence, last);

    /// <summary>Counts one packet's payload and signals a byte lifetime it crosses.</summary>
    internal void Account(int payloadBytes)
    {
        long total = Interlocked.Add(ref _bytes, payloadBytes);
        Interlocked.Increment(ref _packets);
        if (Lifetime.HardBytes is long hard && total >= hard)
        {
            Reach(LifetimeLimit.Hard, LifetimeMeasure.Bytes);
        }
        else if (Lifetime.SoftBytes is long soft && total >= soft)
        {
            Reach(LifetimeLimit.Soft, LifetimeMeasure.Bytes);
        }
    }

    /// <summary>Checks the time lifetimes; called from the database's tick.</summary>
    internal void CheckTime(DateTimeOffset now)
    {
        TimeSpan age = now - AddTime;
        if (Lifetime.HardTime is TimeSpan hard && age >= hard)
        {
            Reach(LifetimeLimit.Hard, LifetimeMeasure.Time);
        }
        else if (Lifetime.SoftTime is TimeSpan soft && age >= soft)
        {
            Reach(LifetimeLimit.Soft, LifetimeMeasure.Time);
        }
    }
}
