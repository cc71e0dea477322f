using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Settings;
using IpsecTun.Ike.Tasks;

namespace IpsecTun.Ike.Sa;

/// <summary>
/// Lifetimes: Child SAs are rekeyed at nine tenths of their lifetime and deleted at the full one; the IKE
/// SA is renewed at a jittered soft lifetime and deleted at the hard one. As the manual says, phase 1 is
/// rekeyed only with DPD enabled; without DPD (or when the settings ask for it) the original initiator
/// reauthenticates instead, and a responder lets the SA run to its hard lifetime.
/// </summary>
public sealed partial class IkeSa
{
    /// <summary>The soft IKE lifetime is at most this fraction of the hard one ...</summary>
    private const double IkeSoftFraction = 0.9;

    /// <summary>... minus a random share of up to this fraction, so that two peers rarely rekey at once.</summary>
    private const double IkeSoftJitterFraction = 0.05;

    /// <summary>The share of a Child SA's lifetime after which it is rekeyed.</summary>
    internal const double ChildSoftFraction = 0.9;

    private readonly long _createdAt;
    private readonly Dictionary<uint, long> _childInstalledAt = [];

    /// <summary>Per Child SA (inbound SPI): no new rekey before this timestamp; MaxValue while one runs.</summary>
    private readonly Dictionary<uint, long> _rekeyBlockedUntil = [];

    /// <summary>Child SAs replaced or being deleted: a rekey request for one gets TEMPORARY_FAILURE (RFC 7296 §2.25.1).</summary>
    private readonly HashSet<uint> _closingChildSas = [];

    private TimeSpan? _ikeSoftLifetime;
    private bool _ikeRenewalStarted;

    /// <summary>After a refused IKE SA rekey, none is started again before this timestamp.</summary>
    private long _ikeRenewalRetryAt;

    /// <summary>When the soft IKE lifetime runs out: nine tenths of the hard lifetime less a random jitter, drawn once.</summary>
    public TimeSpan IkeSoftLifetime => _ikeSoftLifetime ??= DrawSoftLifetime();

    /// <summary>Rekeys the IKE SA now (CREATE_CHILD_SA with a new IKE SPI); the new SA arrives in <see cref="IkeSaOutput.CreatedIkeSas"/>.</summary>
    public IkeSaOutput RekeyIkeSa()
    {
        _ikeRenewalStarted = true;
        return QueueExchange(new IkeRekeyTask());
    }

    /// <summary>
    /// Reauthenticates (RFC 7296 §2.8.3), make-before-break: a new IKE SA runs IKE_SA_INIT and IKE_AUTH and
    /// re-creates every Child SA this one has (the first in IKE_AUTH, the others with CREATE_CHILD_SA, each with
    /// its own settings and selectors; the configured ones when there are none), and once it is established
    /// it deletes this one with its Child SAs. The new SA is in <see cref="IkeSaOutput.CreatedIkeSas"/>; it
    /// sends no INITIAL_CONTACT.
    /// </summary>
    public IkeSaOutput Reauthenticate()
    {
        if (State != IkeSaState.Established)
        {
            throw new InvalidOperationException($"An IKE SA in state {State} is not reauthenticated.");
        }

        _ikeRenewalStarted = true;
        IkeSa successor = CreateInitiator(Settings with { SendInitialContact = false }, Host, Local, Remote, Random, Time);
        successor._replaces = this;
        if (ChildrenToRecreate() is { Count: > 0 } children)
        {
            successor._childrenToCreate = children;
        }

        IkeSaOutput output = successor.Start();
        output.CreatedIkeSas.Insert(0, successor);
        output.Log($"reauthenticating: new IKE SA {successor.InitiatorSpi:x16} replaces {InitiatorSpi:x16}_{ResponderSpi:x16}");
        return output;
    }

    /// <summary>The live Child SAs as settings to negotiate again: each one's own proposals, mode and agreed selectors, once per selector pair.</summary>
    private List<ChildSaSettings> ChildrenToRecreate() =>
        [.. _childSas
            .Where(c => !_closingChildSas.Contains(c.InboundSpi))
            .DistinctBy(c => string.Join(",", c.LocalSelectors) + "|" + string.Join(",", c.RemoteSelectors))
            .Select(c => c.Settings with { LocalSelectors = c.LocalSelectors, RemoteSelectors = c.RemoteSelectors, Mode = c.Mode })];

    /// <summary>Starts what the lifetimes call for, if anything; true when a task was queued.</summary>
    private bool RunLifetime(IkeSaOutput output)
    {
        TimeSpan ikeAge = Time.GetElapsedTime(_createdAt);
        if (ikeAge >= Settings.Lifetime)
        {
            output.Log("IKE SA reached its hard lifetime");
            _tasks.Queue(new InformationalTask(DeletePayload.IkeSa()));
            return true;
        }

        if (!_ikeRenewalStarted && ikeAge >= IkeSoftLifetime && Time.GetTimestamp() >= _ikeRenewalRetryAt)
        {
            if (Settings.DpdInterval is not null && !Settings.Reauthenticate)
            {
                _ikeRenewalStarted = true;
                _tasks.Queue(new IkeRekeyTask());
                return true;
            }

            // The original initiator: the side that sent IKE_SA_INIT or started the rekey that created this SA.
            if (IsInitiator)
            {
                output.Append(Reauthenticate());
                return false;
            }
        }

        if (NextChildLifetimeTask() is not { } task)
        {
            return false;
        }

        _tasks.Queue(task);
        return true;
    }

    /// <summary>
    /// A rekey for a Child SA past its soft lifetime (nine tenths of the configured lifetime, as strongSwan's
    /// default rekey_time), or a delete for one past its hard lifetime that no rekey replaced.
    /// </summary>
    private IkeTask? NextChildLifetimeTask()
    {
        long now = Time.GetTimestamp();
        foreach (ChildSaReference child in _childSas)
        {
            TimeSpan hard = child.Settings.Lifetime;
            TimeSpan age = Time.GetElapsedTime(_childInstalledAt[child.InboundSpi]);
            if (age >= hard && _closingChildSas.Add(child.InboundSpi))
            {
                return new InformationalTask(new DeletePayload(child.Protocol, [child.InboundSpi]));
            }

            if (age >= hard * ChildSoftFraction && !_closingChildSas.Contains(child.InboundSpi)
                && (!_rekeyBlockedUntil.TryGetValue(child.InboundSpi, out long until) || now >= until))
            {
                _rekeyBlockedUntil[child.InboundSpi] = long.MaxValue;
                return new CreateChildTask(child);
            }
        }

        return null;
    }

    private TimeSpan DrawSoftLifetime()
    {
        Span<byte> draw = stackalloc byte[2];
        Random.Fill(draw);
        double share = System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(draw) / (double)ushort.MaxValue;
        return Settings.Lifetime * (IkeSoftFraction - (IkeSoftJitterFraction * share));
    }

    /// <summary>How long a request is retransmitted before the peer is given up: the wait for a replaced SA's delete.</summary>
    private TimeSpan RetransmissionSpan()
    {
        TimeSpan total = TimeSpan.Zero;
        for (int i = 1; i <= Settings.Retransmission.MaxRetransmissions + 1; i++)
        {
            total += Settings.Retransmission.TimeoutAfter(i);
        }

        return total;
    }

    /// <summary>A rekey this side started is over: a later soft-lifetime check may start another after a short wait.</summary>
    internal void ChildRekeyEnded(ChildSaReference child, bool failed)
    {
        if (_rekeyBlockedUntil.ContainsKey(child.InboundSpi))
        {
            _rekeyBlockedUntil[child.InboundSpi] = failed ? RetryTime() : long.MaxValue;
        }
    }

    /// <summary>When a refused rekey (e.g. TEMPORARY_FAILURE, RFC 7296 §2.25) may be tried again: one initial retransmission timeout on.</summary>
    private long RetryTime() => Time.GetTimestamp() + (long)(Settings.Retransmission.InitialTimeout.TotalSeconds * Time.TimestampFrequency);

    /// <summary>Whether a Child SA is replaced or being deleted.</summary>
    internal bool IsClosing(ChildSaReference child) => _closingChildSas.Contains(child.InboundSpi);

    /// <summary>Queues the DELETE of one of our Child SAs and marks it as closing.</summary>
    internal void QueueChildDelete(ChildSaReference child)
    {
        _closingChildSas.Add(child.InboundSpi);
        _tasks.Queue(new InformationalTask(new DeletePayload(child.Protocol, [child.InboundSpi])));
    }
}
