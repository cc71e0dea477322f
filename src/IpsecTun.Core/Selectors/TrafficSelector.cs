namespace IpsecTun.Core;

/// <summary>
/// Which packets a policy or an SA covers: source and destination prefix, protocol and port ranges.
/// A selector with a specific port range only matches packets that carry ports.
/// </summary>
public readonly record struct TrafficSelector(IpPrefix Source, IpPrefix Destination, byte? Protocol, PortRange SourcePorts, PortRange DestinationPorts)
{
    /// <summary>Every packet of the family between the two prefixes.</summary>
    public TrafficSelector(IpPrefix source, IpPrefix destination)
        : this(source, destination, null, PortRange.Any, PortRange.Any)
    {
    }

    public byte Version => Source.Version;

    public bool Matches(in FlowKey key)
    {
        if (!Source.Contains(key.Version, key.Source) || !Destination.Contains(key.Version, key.Destination))
        {
            return false;
        }

        return MatchesProtocolAndPorts(key);
    }

    /// <summary>The protocol and port part of <see cref="Matches"/>, for callers that matched the addresses already.</summary>
    public bool MatchesProtocolAndPorts(in FlowKey key)
    {
        if (Protocol is byte protocol && protocol != key.Protocol)
        {
            return false;
        }

        if (SourcePorts.IsAny && DestinationPorts.IsAny)
        {
            return true;
        }

        return key.HasPorts && SourcePorts.Contains(key.SourcePort) && DestinationPorts.Contains(key.DestinationPort);
    }

    /// <summary>The selector of the opposite direction.</summary>
    public TrafficSelector Reverse() => new(Destination, Source, Protocol, DestinationPorts, SourcePorts);

    public override string ToString() =>
        $"{Source}:{SourcePorts} -> {Destination}:{DestinationPorts} proto {(Protocol is byte p ? p.ToString(System.Globalization.CultureInfo.InvariantCulture) : "all")}";
}
