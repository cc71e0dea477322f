using System.Net;
using IpsecTun.Core;

namespace IpsecTun.Engine.Runtime;

/// <summary>One generated source NAT rule: the local networks, the address they leave as and where they may go (empty: anywhere else).</summary>
internal sealed class SourceNatRule(IPAddress virtualAddress, IpPrefix[] inside, IpPrefix[] destinations)
{
    public IPAddress VirtualAddress { get; } = virtualAddress;

    public IReadOnlyList<IpPrefix> Inside { get; } = inside;

    public IReadOnlyList<IpPrefix> Destinations { get; } = destinations;

    public bool SameAs(SourceNatRule other) =>
        VirtualAddress.Equals(other.VirtualAddress) && Inside.SequenceEqual(other.Inside) && Destinations.SequenceEqual(other.Destinations);

    public override string ToString() =>
        $"{string.Join(",", Inside)} to {(Destinations.Count == 0 ? "anywhere else" : string.Join(",", Destinations))} as {VirtualAddress}";
}
