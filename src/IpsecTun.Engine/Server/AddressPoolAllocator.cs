using System.Diagnostics.CodeAnalysis;
using IpsecTun.Config;
using IpsecTun.Core;

namespace IpsecTun.Engine.Server;

/// <summary>
/// Hands out mode-config addresses from the configured <c>/ip pool</c> entries, following <c>next-pool</c>
/// when a pool is exhausted. A client (by its authenticated identity) holds one address per requested pool:
/// leasing again returns the same one, and after <see cref="Release"/> (delete, or DPD declaring it dead)
/// the address stays reserved for that identity for <c>rememberFor</c>, so a client that reconnects gets
/// it back. A remembered address goes to somebody else only when nothing else is free, oldest first.
/// </summary>
/// <remarks>Thread-safe: every call takes one lock; calls happen per IKE SA, not per packet.</remarks>
public sealed class AddressPoolAllocator
{
    private readonly Dictionary<string, (AddressPool Pool, PooledRange[] Ranges)> _pools = new(StringComparer.Ordinal);
    private readonly Dictionary<AddressKey, LeaseHolder> _byAddress = [];
    private readonly Dictionary<(string Pool, string Identity), LeaseHolder> _byIdentity = [];
    private readonly TimeProvider _time;
    private readonly TimeSpan _rememberFor;
    private readonly Lock _lock = new();

    /// <param name="pools">The configuration's pools; next-pool names refer among them.</param>
    /// <param name="time">The clock for how long released addresses are remembered.</param>
    /// <param name="rememberFor">How long a released address stays reserved for its client.</param>
    /// <param name="ipv6PrefixLength">The length of each IPv6 lease: 128 for single addresses, 64 to give each client a /64.</param>
    public AddressPoolAllocator(IEnumerable<AddressPool> pools, TimeProvider time, TimeSpan rememberFor, int ipv6PrefixLength = 128)
    {
        ArgumentNullException.ThrowIfNull(pools);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(rememberFor, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(ipv6PrefixLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ipv6PrefixLength, 128);
        foreach (AddressPool pool in pools)
        {
            _pools[pool.Name] = (pool, [.. pool.Ranges.Select(r => new PooledRange(r, ipv6PrefixLength))]);
        }

        _time = time;
        _rememberFor = rememberFor;
    }

    /// <summary>The leases clients hold now, for the active-peers view.</summary>
    public IReadOnlyList<AddressLease> ActiveLeases
    {
        get
        {
            lock (_lock)
            {
                return [.. _byAddress.Values.Where(h => h.Active).Select(h => h.Lease)];
            }
        }
    }

    /// <summary>
    /// Leases an address from <paramref name="pool"/> (or its next-pools) to <paramref name="identity"/>;
    /// false with a message naming the pools when the pool is unknown or every address is held.
    /// </summary>
    public bool TryLease(string pool, string identity, [NotNullWhen(true)] out AddressLease? lease, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(identity);
        lock (_lock)
        {
            DateTimeOffset now = _time.GetUtcNow();
            lease = null;
            if (!_pools.ContainsKey(pool))
            {
                error = $"address pool \"{pool}\" does not exist";
                return false;
            }

            if (_byIdentity.TryGetValue((pool, identity), out LeaseHolder? held))
            {
                if (held.Active || held.RememberedUntil > now)
                {
                    held.Active = true;
                    lease = held.Lease;
                    error = null;
                    return true;
                }

                Forget(held);
            }

            IReadOnlyList<string> chain = Chain(pool);
            if (!TryTakeFree(chain, now, out string? from, out int prefixLength, out AddressKey key)
                && !TryReclaimRemembered(chain, out from, out prefixLength, out key))
            {
                error = $"address pool \"{pool}\" is exhausted: {Describe(chain)} all leased";
                return false;
            }

            lease = new AddressLease(pool, from, IpAddressBits.ToIPAddress(key.Version, key.Address), prefixLength, identity);
            var holder = new LeaseHolder(lease, key);
            _byAddress[key] = holder;
            _byIdentity[(pool, identity)] = holder;
            error = null;
            return true;
        }
    }

    /// <summary>Ends a lease (SA deleted or client dead); the address stays reserved for the same identity for a while.</summary>
    public void Release(AddressLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (_lock)
        {
            if (_byIdentity.TryGetValue((lease.RequestedPool, lease.Identity), out LeaseHolder? holder) && holder.Active)
            {
                holder.Active = false;
                holder.RememberedUntil = _time.GetUtcNow() + _rememberFor;
            }
        }
    }

    /// <summary>The requested pool and its next-pools in order, each once (a loop in the chain ends it).</summary>
    private List<string> Chain(string pool)
    {
        var chain = new List<string>();
        for (string? name = pool; name is not null && _pools.ContainsKey(name) && !chain.Contains(name); name = _pools[name].Pool.NextPool)
        {
            chain.Add(name);
        }

        return chain;
    }

    private bool TryTakeFree(IReadOnlyList<string> chain, DateTimeOffset now, [NotNullWhen(true)] out string? pool, out int prefixLength, out AddressKey key)
    {
        foreach (string name in chain)
        {
            foreach (PooledRange candidate in _pools[name].Ranges)
            {
                if (candidate.TryTake(k => IsFree(k, now), _byAddress.Count, out key))
                {
                    pool = name;
                    prefixLength = candidate.PrefixLength;
                    return true;
                }
            }
        }

        (pool, prefixLength, key) = (null, 0, default);
        return false;
    }

    /// <summary>Free means nobody holds it, or its remembering has run out (then it is forgotten here).</summary>
    private bool IsFree(AddressKey key, DateTimeOffset now)
    {
        if (!_byAddress.TryGetValue(key, out LeaseHolder? holder))
        {
            return true;
        }

        if (holder.Active || holder.RememberedUntil > now)
        {
            return false;
        }

        Forget(holder);
        return true;
    }

    private bool TryReclaimRemembered(IReadOnlyList<string> chain, [NotNullWhen(true)] out string? pool, out int prefixLength, out AddressKey key)
    {
        LeaseHolder? oldest = _byAddress.Values
            .Where(h => !h.Active && chain.Contains(h.Lease.Pool))
            .MinBy(h => h.RememberedUntil);
        if (oldest is null)
        {
            (pool, prefixLength, key) = (null, 0, default);
            return false;
        }

        Forget(oldest);
        pool = oldest.Lease.Pool;
        prefixLength = oldest.Lease.PrefixLength;
        key = oldest.Key;
        return true;
    }

    private void Forget(LeaseHolder holder)
    {
        _byAddress.Remove(holder.Key);
        _byIdentity.Remove((holder.Lease.RequestedPool, holder.Lease.Identity));
    }

    private string Describe(IReadOnlyList<string> chain) =>
        string.Join(", then ", chain.Select(name => $"\"{name}\" ({Size(_pools[name].Ranges)} addresses)"));

    private static string Size(PooledRange[] ranges)
    {
        UInt128 total = UInt128.Zero;
        foreach (PooledRange range in ranges)
        {
            total += range.Blocks;
        }

        return total.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
