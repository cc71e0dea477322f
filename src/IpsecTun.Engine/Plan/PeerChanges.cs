namespace IpsecTun.Engine.Plan;

/// <summary>
/// What a reload means for each peer, by name and fingerprint: peers whose settings are unchanged keep
/// their tunnels; changed ones restart with the new settings; new ones start and missing ones
/// (removed or disabled) are torn down.
/// </summary>
public sealed record PeerChanges(
    IReadOnlyList<string> Unchanged,
    IReadOnlyList<string> Changed,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed)
{
    public static PeerChanges Between(EndpointPlan previous, EndpointPlan next)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(next);
        var before = previous.Peers.ToDictionary(p => p.Name, p => p.Fingerprint, StringComparer.Ordinal);
        var unchanged = new List<string>();
        var changed = new List<string>();
        var added = new List<string>();
        foreach (var peer in next.Peers)
        {
            var list = !before.TryGetValue(peer.Name, out var fingerprint) ? added
                : string.Equals(fingerprint, peer.Fingerprint, StringComparison.Ordinal) ? unchanged
                : changed;
            list.Add(peer.Name);
        }

        var remaining = next.Peers.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        return new PeerChanges(unchanged, changed, added, [.. previous.Peers.Select(p => p.Name).Where(n => !remaining.Contains(n))]);
    }
}
