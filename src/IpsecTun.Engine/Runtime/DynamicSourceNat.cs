using System.Net;
using System.Net.Sockets;
using IpsecTun.Core;
using IpsecTun.Esp;

namespace IpsecTun.Engine.Runtime;

/// <summary>
/// The source NAT rules RouterOS generates for mode-config clients with a src-address-list: one translator per
/// connected peer, from its local networks to the virtual address it received, scoped to its split-include
/// networks. The IKE thread applies and removes them; the datapath threads translate every packet through the
/// current set, published as an immutable array so a packet never takes a lock to find its translator.
/// </summary>
public sealed class DynamicSourceNat
{
    private readonly TimeProvider _time;
    private readonly Dictionary<object, (SourceNatRule Rule, SourceNatTranslator Translator)> _rules = [];
    private volatile SourceNatTranslator[] _active = [];

    public DynamicSourceNat(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <summary>Counters of every translator there has been, so totals survive reconnects.</summary>
    public SourceNatStatistics Statistics { get; } = new();

    public int RuleCount => _active.Length;

    public int ConnectionCount => _active.Sum(t => t.ConnectionCount);

    /// <summary>
    /// Sets <paramref name="owner"/>'s rule: packets from <paramref name="insideNetworks"/> to <paramref name="splitNetworks"/>
    /// (all but the inside networks when there are none) leave as <paramref name="virtualAddress"/>. The same rule
    /// again keeps its connections (a reauthentication that got the same address); another replaces it.
    /// <c>changed</c> says whether the rules changed: a new rule, or one replaced or removed.
    /// </summary>
    /// <returns>False when there is nothing to translate: no inside network, or a virtual address that is not IPv4.</returns>
    public bool Apply(
        object owner, IPAddress virtualAddress, IReadOnlyList<IpPrefix> insideNetworks, IReadOnlyList<IPNetwork> splitNetworks, out bool changed)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(virtualAddress);
        ArgumentNullException.ThrowIfNull(insideNetworks);
        ArgumentNullException.ThrowIfNull(splitNetworks);
        IpPrefix[] inside = [.. insideNetworks.Where(n => n.Version == 4)];
        IpPrefix[] destinations = [.. splitNetworks
            .Where(n => n.BaseAddress.AddressFamily == AddressFamily.InterNetwork)
            .Select(IpPrefix.FromNetwork)];
        if (inside.Length == 0 || virtualAddress.AddressFamily != AddressFamily.InterNetwork)
        {
            changed = Remove(owner);
            return false;
        }

        var rule = new SourceNatRule(virtualAddress, inside, destinations);
        changed = !(_rules.TryGetValue(owner, out var current) && current.Rule.SameAs(rule));
        if (!changed)
        {
            return true;
        }

        _rules[owner] = (rule, new SourceNatTranslator(
            new SourceNatSettings { TranslatedAddress = virtualAddress, InsideNetworks = inside, Destinations = destinations }, _time, Statistics));
        Publish();
        return true;
    }

    /// <summary>The rule in force for <paramref name="owner"/>, if any.</summary>
    internal SourceNatRule? RuleOf(object owner) => _rules.TryGetValue(owner, out var rule) ? rule.Rule : null;

    /// <summary>Drops <paramref name="owner"/>'s rule and its connections; false when it had none.</summary>
    public bool Remove(object owner)
    {
        if (!_rules.Remove(owner))
        {
            return false;
        }

        Publish();
        return true;
    }

    public void Clear()
    {
        _rules.Clear();
        Publish();
    }

    /// <summary>Removes the connections past their idle timeout; the IKE thread calls this now and then.</summary>
    public int RemoveExpired()
    {
        int removed = 0;
        foreach (SourceNatTranslator translator in _active)
        {
            removed += translator.RemoveExpired();
        }

        return removed;
    }

    /// <summary>Before the policy lookup: the first rule the packet falls under rewrites (or drops) it.</summary>
    public SourceNatVerdict TranslateOutbound(Span<byte> packet)
    {
        foreach (SourceNatTranslator translator in _active)
        {
            SourceNatVerdict verdict = translator.TranslateOutbound(packet);
            if (verdict != SourceNatVerdict.Unchanged)
            {
                return verdict;
            }
        }

        return SourceNatVerdict.Unchanged;
    }

    /// <summary>After decapsulation: a reply to a virtual address goes back to the inside host of its connection.</summary>
    public SourceNatVerdict TranslateInbound(Span<byte> packet)
    {
        foreach (SourceNatTranslator translator in _active)
        {
            SourceNatVerdict verdict = translator.TranslateInbound(packet);
            if (verdict != SourceNatVerdict.Unchanged)
            {
                return verdict;
            }
        }

        return SourceNatVerdict.Unchanged;
    }

    private void Publish() => _active = [.. _rules.Values.Select(r => r.Translator)];
}
