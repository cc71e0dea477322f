using System.Net;

namespace IpsecTun.Ike.Sa;

/// <summary>
/// What the responder assigned in CFG_REPLY, for the host to apply: the virtual addresses (inner source
/// of the tunnel), the DNS servers, and the split-include networks (empty: everything goes through the tunnel).
/// </summary>
public sealed record ModeConfigResult(IReadOnlyList<IPAddress> Addresses, IReadOnlyList<IPAddress> DnsServers, IReadOnlyList<IPNetwork> SplitNetworks)
{
    /// <summary>The internal DNS domains (RFC 8598 INTERNAL_DNS_DOMAIN) whose names the DNS servers resolve; empty: all names.</summary>
    public IReadOnlyList<string> DnsDomains { get; init; } = [];

    /// <summary>True when <paramref name="other"/> assigns the same values, list by list (records compare lists by reference).</summary>
    public bool SameValues(ModeConfigResult? other) =>
        other is not null && Addresses.SequenceEqual(other.Addresses) && DnsServers.SequenceEqual(other.DnsServers)
        && SplitNetworks.SequenceEqual(other.SplitNetworks) && DnsDomains.SequenceEqual(other.DnsDomains, StringComparer.OrdinalIgnoreCase);

    public override string ToString() =>
        $"address {string.Join(", ", Addresses)}; dns {string.Join(", ", DnsServers)}{(DnsDomains.Count > 0 ? $" for {string.Join(", ", DnsDomains)}" : "")}; split {string.Join(", ", SplitNetworks)}";
}
