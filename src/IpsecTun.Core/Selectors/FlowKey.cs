using System.Buffers.Binary;

namespace IpsecTun.Core;

/// <summary>
/// What policy matching looks at in a packet: addresses, protocol and ports. Read from the IP header and,
/// for TCP, UDP and SCTP in the first fragment, the first four bytes of the transport header.
/// </summary>
public readonly record struct FlowKey(byte Version, UInt128 Source, UInt128 Destination, byte Protocol, ushort SourcePort, ushort DestinationPort)
{
    private const int MaxExtensionHeaders = 8;

    /// <summary>True when the packet carries ports that selectors may match.</summary>
    public bool HasPorts { get; init; }

    /// <summary>The key of a packet going the other way.</summary>
    public FlowKey Reverse() => new(Version, Destination, Source, Protocol, DestinationPort, SourcePort) { HasPorts = HasPorts };

    /// <summary>Reads an IPv4 or IPv6 packet; false when its header is malformed.</summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, out FlowKey key)
    {
        key = default;
        if (packet.IsEmpty)
        {
            return false;
        }

        return (packet[0] >> 4) switch
        {
            4 => TryReadIpv4(packet, out key),
            6 => TryReadIpv6(packet, out key),
            _ => false,
        };
    }

    private static bool TryReadIpv4(ReadOnlySpan<byte> packet, out FlowKey key)
    {
        key = default;
        if (packet.Length < Ipv4Header.MinLength)
        {
            return false;
        }

        int headerLength = (packet[0] & 0xF) * 4;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (headerLength < Ipv4Header.MinLength || totalLength < headerLength || totalLength > packet.Length)
        {
            return false;
        }

        byte protocol = packet[9];
        bool firstFragment = (BinaryPrimitives.ReadUInt16BigEndian(packet[6..]) & 0x1FFF) == 0;
        key = WithPorts(
            new FlowKey(4, BinaryPrimitives.ReadUInt32BigEndian(packet[12..]), BinaryPrimitives.ReadUInt32BigEndian(packet[16..]), protocol, 0, 0),
            firstFragment ? packet[headerLength..totalLength] : default);
        return true;
    }

    private static bool TryReadIpv6(ReadOnlySpan<byte> packet, out FlowKey key)
    {
        key = default;
        if (packet.Length < Ipv6Header.Length)
        {
            return false;
        }

        int end = Ipv6Header.Length + BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
        if (end > packet.Length)
        {
            return false;
        }

        byte next = packet[6];
        int offset = Ipv6Header.Length;
        bool firstFragment = true;
        for (int i = 0; i < MaxExtensionHeaders && IsExtensionHeader(next); i++)
        {
            if (end - offset < 8)
            {
                return false;
            }

            int length = next switch
            {
                IpProtocol.Ipv6Fragment => 8,
                IpProtocol.Ah => (packet[offset + 1] + 2) * 4,
                _ => (packet[offset + 1] + 1) * 8,
            };
            if (next == IpProtocol.Ipv6Fragment)
            {
                firstFragment = (BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]) & 0xFFF8) == 0;
            }

            next = packet[offset];
            offset += length;
            if (offset > end)
            {
                return false;
            }
        }

        key = WithPorts(
            new FlowKey(6, BinaryPrimitives.ReadUInt128BigEndian(packet[8..]), BinaryPrimitives.ReadUInt128BigEndian(packet[24..]), next, 0, 0),
            firstFragment ? packet[offset..end] : default);
        return true;
    }

    private static bool IsExtensionHeader(byte next) =>
        next is IpProtocol.HopByHop or IpProtocol.Ipv6Routing or IpProtocol.Ipv6Fragment or IpProtocol.Ipv6DestinationOptions;

    private static FlowKey WithPorts(FlowKey key, ReadOnlySpan<byte> transport)
    {
        if (key.Protocol is not (IpProtocol.Tcp or IpProtocol.Udp or IpProtocol.Sctp) || transport.Length < 4)
        {
            return key;
        }

        return key with
        {
            SourcePort = BinaryPrimitives.ReadUInt16BigEndian(transport),
            DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(transport[2..]),
            HasPorts = true,
        };
    }
}
