using IpsecTun.Core;

namespace IpsecTun.Esp;

/// <summary>
/// An immutable lookup structure over the policies that match traffic. Policies are grouped by the pair of
/// source and destination prefix lengths; within a group a hash table maps the masked address pair to the
/// policies with exactly those prefixes, in table order. A lookup probes each group once, visiting groups
/// by their lowest position so that it stops as soon as no group can hold an earlier match: cost grows
/// with the number of distinct prefix-length pairs, not with the number of policies. Policies appended
/// after the build sit in a short tail, scanned in order after the groups since all of them come later.
/// </summary>
internal sealed class PolicyIndex
{
    private readonly Group[] _ipv4;
    private readonly Group[] _ipv6;
    private readonly Entry[] _tail;

    public PolicyIndex(IReadOnlyList<SecurityPolicy> policies)
    {
        _tail = [];
        var entries = new List<Entry>(policies.Count);
        for (int order = 0; order < policies.Count; order++)
        {
            SecurityPolicy policy = policies[order];
            if (policy.MatchesTraffic && TryGetEffectiveSelector(policy, out TrafficSelector selector))
            {
                entries.Add(new Entry(order, policy, selector));
            }
        }

        _ipv4 = BuildGroups(entries.Where(e => e.Selector.Version == 4));
        _ipv6 = BuildGroups(entries.Where(e => e.Selector.Version == 6));
    }

    private PolicyIndex(PolicyIndex built, Entry[] tail)
    {
        _ipv4 = built._ipv4;
        _ipv6 = built._ipv6;
        _tail = tail;
    }

    public int TailLength => _tail.Length;

    /// <summary>The same index with one more policy at the bottom of the table (position <paramref name="order"/>); the groups are shared, not copied.</summary>
    public PolicyIndex Append(SecurityPolicy policy, int order)
    {
        if (!policy.MatchesTraffic || !TryGetEffectiveSelector(policy, out TrafficSelector selector))
        {
            return this;
        }

        return new PolicyIndex(this, [.. _tail, new Entry(order, policy, selector)]);
    }

    public SecurityPolicy? Find(in FlowKey key)
    {
        Group[] groups = key.Version == 4 ? _ipv4 : _ipv6;
        int best = int.MaxValue;
        SecurityPolicy? found = null;
        foreach (Group group in groups)
        {
            if (group.FirstOrder >= best)
            {
                break;
            }

            if (!group.Buckets.TryGetValue((key.Source & group.SourceMask, key.Destination & group.DestinationMask), out Entry[]? bucket))
            {
                continue;
            }

            foreach (Entry entry in bucket)
            {
                if (entry.Order >= best)
                {
                    break;
                }

                if (entry.Selector.MatchesProtocolAndPorts(key))
                {
                    best = entry.Order;
                    found = entry.Policy;
                    break;
                }
            }
        }

        if (found is null)
        {
            foreach (Entry entry in _tail)
            {
                if (entry.Selector.Matches(key))
                {
                    return entry.Policy;
                }
            }
        }

        return found;
    }

    /// <summary>
    /// A transport-mode encrypt policy only handles packets between the two peers (the manual's Policies
    /// section), so its prefixes narrow to sa-src-address and sa-dst-address; when those fall outside the
    /// prefixes the policy can match nothing.
    /// </summary>
    private static bool TryGetEffectiveSelector(SecurityPolicy policy, out TrafficSelector selector)
    {
        selector = policy.Selector;
        if (policy.Action != PolicyAction.Encrypt || policy.Tunnel || policy.SaSource is null || policy.SaDestination is null)
        {
            return true;
        }

        IpPrefix source = IpPrefix.FromAddress(policy.SaSource);
        IpPrefix destination = IpPrefix.FromAddress(policy.SaDestination);
        if (!selector.Source.Contains(source) || !selector.Destination.Contains(destination))
        {
            return false;
        }

        selector = selector with { Source = source, Destination = destination };
        return true;
    }

    private static Group[] BuildGroups(IEnumerable<Entry> entries) =>
    [
        .. entries
            .GroupBy(e => (e.Selector.Source.Length, e.Selector.Destination.Length))
            .Select(g => new Group(g.First().Selector.Source.Mask, g.First().Selector.Destination.Mask, g.Min(e => e.Order),
                g.GroupBy(e => (e.Selector.Source.Address, e.Selector.Destination.Address))
                    .ToDictionary(b => b.Key, b => b.OrderBy(e => e.Order).ToArray())))
            .OrderBy(g => g.FirstOrder),
    ];

    private sealed record Entry(int Order, SecurityPolicy Policy, TrafficSelector Selector);

    private sealed record Group(UInt128 SourceMask, UInt128 DestinationMask, int FirstOrder, Dictionary<(UInt128, UInt128), Entry[]> Buckets);
}
