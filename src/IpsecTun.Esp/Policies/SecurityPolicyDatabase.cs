using IpsecTun.Core;

namespace IpsecTun.Esp;

/// <summary>
/// The policy table: ordered top to bottom, the first policy that matches a packet decides (RouterOS
/// since 6.40). Lookups read an immutable <see cref="PolicyIndex"/> without locking, from any thread.
/// Changes are made under a lock. Policies added at the bottom (as IKE adds dynamic ones, one per
/// client) join a short tail that lookups scan after the index, since they come after everything in it;
/// any other change, or a full tail, invalidates the index and the next lookup rebuilds it once.
/// </summary>
public sealed class SecurityPolicyDatabase
{
    /// <summary>Appends absorbed before a rebuild: bounds both the scan per lookup and the rebuilds per append.</summary>
    private const int MaxTail = 32;

    private readonly List<SecurityPolicy> _policies = [];
    private readonly Lock _lock = new();
    private PolicyIndex? _index;

    /// <summary>The policies in order, as a snapshot.</summary>
    public IReadOnlyList<SecurityPolicy> Policies
    {
        get
        {
            lock (_lock)
            {
                return [.. _policies];
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _policies.Count;
            }
        }
    }

    /// <summary>Adds a policy at the bottom.</summary>
    public void Add(SecurityPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        lock (_lock)
        {
            _policies.Add(policy);
            _index = _index is { TailLength: < MaxTail } index ? index.Append(policy, _policies.Count - 1) : null;
        }
    }

    /// <summary>Adds a policy at <paramref name="position"/> (0 is the top).</summary>
    public void Insert(int position, SecurityPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        lock (_lock)
        {
            _policies.Insert(position, policy);
            _index = null;
        }
    }

    public bool Remove(SecurityPolicy policy)
    {
        lock (_lock)
        {
            bool removed = _policies.Remove(policy);
            _index = removed ? null : _index;
            return removed;
        }
    }

    /// <summary>Puts <paramref name="replacement"/> where <paramref name="existing"/> was.</summary>
    public bool Replace(SecurityPolicy existing, SecurityPolicy replacement)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        lock (_lock)
        {
            int position = _policies.IndexOf(existing);
            if (position < 0)
            {
                return false;
            }

            _policies[position] = replacement;
            _index = null;
            return true;
        }
    }

    /// <summary>Moves a policy to <paramref name="position"/>, as the move command of a RouterOS list does.</summary>
    public bool Move(SecurityPolicy policy, int position)
    {
        lock (_lock)
        {
            if (!_policies.Remove(policy))
            {
                return false;
            }

            _policies.Insert(Math.Min(position, _policies.Count), policy);
            _index = null;
            return true;
        }
    }

    /// <summary>The first enabled, non-template policy that matches a packet leaving through IPsec.</summary>
    public SecurityPolicy? FindOutbound(in FlowKey key) => GetIndex().Find(key);

    /// <summary>
    /// The policy for a packet arriving from a peer: policies are written from the local side, so the
    /// packet's source is matched against dst-address and its destination against src-address.
    /// </summary>
    public SecurityPolicy? FindInbound(in FlowKey key) => GetIndex().Find(key.Reverse());

    /// <summary>The current index; a new object after every change, so a caller may cache results per index.</summary>
    internal PolicyIndex GetIndex()
    {
        PolicyIndex? index = Volatile.Read(ref _index);
        if (index is not null)
        {
            return index;
        }

        lock (_lock)
        {
            _index ??= new PolicyIndex(_policies);
            return _index;
        }
    }
}
