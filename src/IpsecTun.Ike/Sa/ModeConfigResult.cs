using System.Net;

namespace IpsecTun.Ike.Sa;

/// <summary>
/// Mode-config as the responder assigned it: the virtual addresses (inner source of the client's tunnel), the
/// DNS servers, and the split-include networks (empty: everything goes through the tunnel). A client reads it
/// from CFG_REPLY to apply it; a responder keeps what it gave. <paramref name="Ip4PrefixLength"/> is the
/// INTERNAL_IP4_NETMASK (address-prefix-length; null: none sent), <paramref name="Ip6PrefixLength"/> the prefix
/// length of INTERNAL_IP6_ADDRESS (128, or 64 for a /64 per client).
/// </summary>
public sealed record ModeConfigResult(
    IReadOnlyList<IPAddress> Addresses,
    IReadOnlyList<IPAddress> DnsServers,
    IReadOnlyList<IPNetwork> SplitNetworks,
    int? Ip4PrefixLength = null,
    int Ip6PrefixLength = 128)
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
