using System.Buffers.Binary;

namespace IpsecTun.Core;

/// <summary>
/// Finds the upper-layer header of an IPv6 packet behind its extension headers (RFC 8200 §4): hop-by-hop,
/// routing and destination options (length in 8-octet units after the first 8), fragment (8 octets) and
/// AH (length in 4-octet units after the first 8, RFC 4302 §2.2).
/// </summary>
internal static class Ipv6UpperLayer
{
    private const int MaxExtensionHeaders = 16;

    /// <summary>
    /// False when a header runs past the packet, the chain is implausibly long, or the packet is a
    /// fragment other than the first (whose upper-layer header is elsewhere).
    /// </summary>
    public static bool TryFind(ReadOnlySpan<byte> packet, int totalLength, out byte protocol, out int offset)
    {
        protocol = packet[6];
        offset = Ipv6Header.Length;
        for (int count = 0; count < MaxExtensionHeaders; count++)
        {
            int length;
            switch (protocol)
            {
                case IpProtocol.HopByHop or IpProtocol.Ipv6Routing or IpProtocol.Ipv6DestinationOptions:
                    if (offset + 2 > totalLength)
                    {
                        return false;
                    }

                    length = (packet[offset + 1] + 1) * 8;
                    break;
                case IpProtocol.Ipv6Fragment:
                    if (offset + 8 > totalLength || (BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]) & 0xFFF8) != 0)
                    {
                        return false;
                    }

                    length = 8;
                    break;
                case IpProtocol.Ah:
                    if (offset + 2 > totalLength)
                    {
                        return false;
                    }

                    length = (packet[offset + 1] + 2) * 4;
                    break;
                default:
                    return offset <= totalLength;
            }

            if (offset + length > totalLength)
            {
                return false;
            }

            protocol = packet[offset];
            offset += length;
        }

        return false;
    }
}
