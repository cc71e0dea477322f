using System.Buffers.Binary;
using IpsecTun.Core;

namespace IpsecTun.Esp;

/// <summary>
/// Where a protocol keeps what the source NAT maps: the two ports and the checksum. ICMP echo has a
/// query id at the same offset in both directions and no remote port.
/// </summary>
internal readonly record struct TransportFields(bool IsMapped, byte Protocol, int SourcePortOffset, int DestinationPortOffset, int ChecksumOffset)
{
    private const int TcpMinLength = 20;
    private const int UdpLength = 8;
    private const int IcmpEchoLength = 8;

    public bool HasRemotePort => Protocol != IpProtocol.Icmp;

    /// <summary>
    /// Describes the segment's fields; false when the protocol is one that is mapped but its header is
    /// cut short. Other protocols succeed with <see cref="IsMapped"/> false.
    /// </summary>
    public static bool TryLocate(byte protocol, ReadOnlySpan<byte> segment, out TransportFields fields)
    {
        fields = For(protocol);
        return protocol switch
        {
            IpProtocol.Tcp => segment.Length >= TcpMinLength && (segment[12] >> 4) * 4 is >= TcpMinLength and var length && length <= segment.Length,
            IpProtocol.Udp => segment.Length >= UdpLength,
            IpProtocol.Icmp => segment.Length >= IcmpEchoLength,
            _ => true,
        };
    }

    /// <summary>The layout of a mapped protocol, or one with <see cref="IsMapped"/> false.</summary>
    public static TransportFields For(byte protocol) => protocol switch
    {
        IpProtocol.Tcp => new TransportFields(true, protocol, 0, 2, 16),
        IpProtocol.Udp => new TransportFields(true, protocol, 0, 2, 6),
        IpProtocol.Icmp => new TransportFields(true, protocol, 4, 4, 2),
        _ => default,
    };

    public static ushort ReadPort(ReadOnlySpan<byte> segment, int offset) => BinaryPrimitives.ReadUInt16BigEndian(segment[offset..]);

    public byte TcpFlags(ReadOnlySpan<byte> segment) => Protocol == IpProtocol.Tcp ? segment[13] : (byte)0;
}
