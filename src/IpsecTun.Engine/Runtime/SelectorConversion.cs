using System.Net;
using IpsecTun.Core;
using IkeSelector = IpsecTun.Ike.Messages.TrafficSelector;

namespace IpsecTun.Engine.Runtime;

/// <summary>
/// Turns negotiated IKE traffic selectors (address ranges with a protocol and port range) into the
/// prefix-based selectors the policy table matches on.
/// </summary>
internal static class SelectorConversion
{
    /// <summary>
    /// The policy selector for packets from <paramref name="local"/> to <paramref name="remote"/>. A range that
    /// is not a whole prefix becomes the smallest prefix covering it, so the policy never misses a packet the
    /// SA may carry; the inbound policy check of the SA still holds the peer to what was agreed.
    /// </summary>
    public static bool TryCreate(IkeSelector local, IkeSelector remote, out TrafficSelector selector)
    {
        selector = default;
        if (!local.IsAddressRange || !remote.IsAddressRange || local.StartAddress is null || remote.StartAddress is null
            || local.StartAddress.AddressFamily != remote.StartAddress.AddressFamily)
        {
            return false;
        }

        byte? protocol = local.Protocol == 0 ? null : local.Protocol;
        selector = new TrafficSelector(
            CoveringPrefix(local.StartAddress, local.EndAddress!),
            CoveringPrefix(remote.StartAddress, remote.EndAddress!),
            protocol,
            new PortRange(local.StartPort, local.EndPort),
            new PortRange(remote.StartPort, remote.EndPort));
        return true;
    }

    /// <summary>The longest prefix that holds both ends of a range.</summary>
    public static IpPrefix CoveringPrefix(IPAddress start, IPAddress end)
    {
        byte version = IpAddressBits.VersionOf(start);
        UInt128 low = IpAddressBits.FromIPAddress(start);
        UInt128 high = IpAddressBits.FromIPAddress(end);
        int bits = IpAddressBits.BitLength(version);
        int length = bits;
        while (length > 0 && (low & IpAddressBits.Mask(version, length)) != (high & IpAddressBits.Mask(version, length)))
        {
            length--;
        }

        return new IpPrefix(version, low, length);
    }

    /// <summary>True when <paramref name="outer"/> covers every packet <paramref name="inner"/> does.</summary>
    public static bool Covers(in TrafficSelector outer, in TrafficSelector inner) =>
        outer.Source.Contains(inner.Source) && outer.Destination.Contains(inner.Destination)
        && (outer.Protocol is null || outer.Protocol == inner.Protocol)
        && outer.SourcePorts.Low <= inner.SourcePorts.Low && outer.SourcePorts.High >= inner.SourcePorts.High
        && outer.DestinationPorts.Low <= inner.DestinationPorts.Low && outer.DestinationPorts.High >= inner.DestinationPorts.High;
}
