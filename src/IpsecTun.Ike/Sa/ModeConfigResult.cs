using System.Net;

namespace IpsecTun.Ike.Sa;

/// <summary>
/// What the responder assigned in CFG_REPLY, for the host to apply: the virtual addresses (inner source
/// of the tunnel), the DNS servers, and the split-include networks (empty: everything goes through the tunnel).
/// </summary>
public sealed record ModeConfigResult(IReadOnlyList<IPAddress> Addresses, IReadOnlyList<IPAddress> DnsServers, IReadOnlyList<IPNetwork> SplitNetworks)
{
    public override string ToString() =>
        $"address {string.Join(", ", Addresses)}; dns {string.Join(", ", DnsServers)}; split {string.Join(", ", SplitNetworks)}";
}
