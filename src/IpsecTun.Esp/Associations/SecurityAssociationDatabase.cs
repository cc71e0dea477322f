using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using IpsecTun.Crypto;

namespace IpsecTun.Esp;

/// <summary>
/// The installed SAs: inbound ones found by SPI, outbound ones through their policy. Lookups are
/// lock-free; installs and removals take a lock. Time comes from the given <see cref="TimeProvider"/> and
/// only moves when the owner calls <see cref="Tick"/>: the database has no timer or thread of its own.
/// </summary>
public sealed class SecurityAssociationDatabase
{
    private const uint FirstAssignableSpi = 256; // RFC 4303 §2.1: 1-255 are reserved by IANA

    private readonly ConcurrentDictionary<uint, SecurityAssociation> _inbound = new();
    private readonly List<SecurityAssociation> _outbound = [];
    private readonly Dictionary<SecurityPolicy, int> _inboundPerPolicy = [];
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;

    /// <param name="time">The clock for addtime and time lifetimes.</param>
    /// <param name="workerCount">How many workers may process packets at once; each gets its own keyed transforms per SA.</param>
    public SecurityAssociationDatabase(TimeProvider time, int workerCount = 1)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workerCount);
        _time = time;
        WorkerCount = workerCount;
    }

    public int WorkerCount { get; }

    /// <summary>
    /// Called when an SA reaches a soft or hard lifetime, on the thread that noticed: a worker for byte and
    /// sequence limits, the caller of <see cref="Tick"/> for time. Handlers should only queue work.
    /// </summary>
    public Action<SaLifetimeEvent>? LifetimeReached { get; set; }

    /// <summary>Every SA, inbound then outbound, as a snapshot for the installed-sa view.</summary>
    public IReadOnlyList<SecurityAssociation> InstalledSas
    {
        get
        {
            lock (_lock)
            {
                return [.. _inbound.Values.OrderBy(sa => sa.AddTime), .. _outbound];
            }
        }
    }

    public bool TryGetInbound(uint spi, [NotNullWhen(true)] out SecurityAssociation? sa) => _inbound.TryGetValue(spi, out sa);

    /// <summary>Picks an unused inbound SPI and holds it with a larval SA until <see cref="Install"/> keys it.</summary>
    public uint ReserveSpi(RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Span<byte> bytes = stackalloc byte[4];
        while (true)
        {
            random.Fill(bytes);
            uint spi = BitConverter.ToUInt32(bytes);
            if (spi < FirstAssignableSpi)
            {
                continue;
            }

            var settings = new SecurityAssociationSettings
            {
                Spi = spi, Direction = SaDirection.Inbound, Source = IPAddress.Any, Destination = IPAddress.Any,
            };
            if (_inbound.TryAdd(spi, new SecurityAssociation(settings, this, _time.GetUtcNow(), SaState.Larval)))
            {
                return spi;
            }
        }
    }

    /// <summary>
    /// Installs a keyed SA. An inbound SA takes the place of the larval SA holding its SPI; an outbound SA
    /// becomes the one its policy uses. Throws when the settings are inconsistent or the SPI is taken.
    /// </summary>
    public SecurityAssociation Install(SecurityAssociationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var sa = new SecurityAssociation(settings, this, _time.GetUtcNow(), SaState.Mature);
        lock (_lock)
        {
            if (settings.Direction == SaDirection.Inbound)
            {
                if (_inbound.TryGetValue(settings.Spi, out SecurityAssociation? existing) && existing.State != SaState.Larval)
                {
                    sa.Dispose();
                    throw new InvalidOperationException($"Inbound SPI 0x{settings.Spi:x8} is in use.");
                }

                _inbound[settings.Spi] = sa;
                UpdatePhase2(settings.Policy, +1, expired: false);
            }
            else
            {
                _outbound.Add(sa);
                settings.Policy?.SetOutboundSa(sa);
            }
        }

        return sa;
    }

    /// <summary>Deletes an SA (a Delete payload, or flush). The caller disposes it once no worker can be using it.</summary>
    public bool Remove(SecurityAssociation sa)
    {
        ArgumentNullException.ThrowIfNull(sa);
        lock (_lock)
        {
            sa.MarkDead();
            return RemoveLocked(sa, expired: false);
        }
    }

    /// <summary>Removes every SA (the installed-sa flush command) and returns them for disposal.</summary>
    public IReadOnlyList<SecurityAssociation> Flush()
    {
        lock (_lock)
        {
            IReadOnlyList<SecurityAssociation> all = [.. _inbound.Values, .. _outbound];
            foreach (SecurityAssociation sa in all)
            {
                sa.MarkDead();
                RemoveLocked(sa, expired: false);
            }

            return all;
        }
    }

    /// <summary>
    /// Checks time lifetimes against the clock, raising soft and hard events, and removes SAs that are
    /// dead. Returns the SAs removed, for the caller to dispose once no worker can be using them.
    /// </summary>
    public IReadOnlyList<SecurityAssociation> Tick()
    {
        DateTimeOffset now = _time.GetUtcNow();
        List<SecurityAssociation> removed = [];
        lock (_lock)
        {
            foreach (SecurityAssociation sa in (IEnumerable<SecurityAssociation>)[.. _inbound.Values, .. _outbound])
            {
                if (sa.State != SaState.Larval)
                {
                    sa.CheckTime(now);
                }

                if (sa.State == SaState.Dead && RemoveLocked(sa, expired: true))
                {
                    removed.Add(sa);
                }
            }
        }

        return removed;
    }

    internal void Raise(SaLifetimeEvent lifetimeEvent) => LifetimeReached?.Invoke(lifetimeEvent);

    private bool RemoveLocked(SecurityAssociation sa, bool expired)
    {
        bool removed;
        if (sa.Direction == SaDirection.Inbound)
        {
            removed = _inbound.TryRemove(new KeyValuePair<uint, SecurityAssociation>(sa.Spi, sa));
            if (removed)
            {
                UpdatePhase2(sa.Policy, -1, expired);
            }
        }
        else
        {
            removed = _outbound.Remove(sa);
            if (removed && sa.Policy is { } policy && policy.OutboundSa == sa)
            {
                policy.SetOutboundSa(_outbound.LastOrDefault(o => o.Policy == policy && o.IsUsable));
            }
        }

        return removed;
    }

    /// <summary>
    /// ph2-count counts the policy's installed inbound SAs, one per Child SA. When the last one goes, the
    /// policy shows expired if it reached its hard lifetime and no-phase2 if it was deleted.
    /// </summary>
    private void UpdatePhase2(SecurityPolicy? policy, int change, bool expired)
    {
        if (policy is null)
        {
            return;
        }

        int count = _inboundPerPolicy.GetValueOrDefault(policy) + change;
        if (count > 0)
        {
            _inboundPerPolicy[policy] = count;
        }
        else
        {
            _inboundPerPolicy.Remove(policy);
        }

        policy.SetPhase2(count, count > 0 ? Ph2State.Established : expired ? Ph2State.Expired : Ph2State.NoPhase2);
    }
}
