using System.Buffers.Binary;

namespace IpsecTun.Core;

/// <summary>
/// Builds the ICMP error that tells a sender its packet does not fit the tunnel, so that path MTU
/// discovery (RFC 1191, RFC 8201) shrinks what it sends: ICMPv4 destination unreachable, fragmentation
/// needed (type 3 code 4, next-hop MTU in the low half of the unused word), or ICMPv6 packet too big
/// (type 2). The reply quotes as much of the packet as fits in 576 bytes for IPv4 (RFC 1812 §4.3.2.3)
/// and in the IPv6 minimum MTU of 1280 (RFC 4443 §2.4 c). Nothing here throws: a packet that is
/// malformed, that needs no error, or that must not get one (an ICMP error itself, a non-initial
/// fragment, a packet from an unspecified or multicast source) makes it return false.
/// </summary>
public static class PacketTooBig
{
    private const int Ipv4ReplyLimit = 576;
    private const int Ipv6ReplyLimit = 1280;
    private const int IcmpHeaderLength = 8;
    private const int MinimumIpv4Mtu = 68;
    private const ushort DontFragment = 0x4000;

    /// <summary>
    /// Writes into <paramref name="reply"/> (reset first) the error for <paramref name="packet"/>,
    /// which exceeds <paramref name="mtu"/>, sent from <paramref name="replySource"/> (an address of the
    /// packet's family) back to the packet's source. False when no error is due or it does not fit.
    /// </summary>
    public static bool TryWrite(ReadOnlySpan<byte> packet, int mtu, ReadOnlySpan<byte> replySource, PacketBuffer reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (packet.IsEmpty)
        {
            return false;
        }

        return (packet[0] >> 4) switch
        {
            4 => TryWriteIpv4(packet, mtu, replySource, reply),
            6 => TryWriteIpv6(packet, mtu, replySource, reply),
            _ => false,
        };
    }

    private static bool TryWriteIpv4(ReadOnlySpan<byte> packet, int mtu, ReadOnlySpan<byte> replySource, PacketBuffer reply)
    {
        if (packet.Length < Ipv4Header.MinLength || replySource.Length != Ipv4Header.AddressLength || mtu is < MinimumIpv4Mtu or > ushort.MaxValue)
        {
            return false;
        }

        int headerLength = (packet[0] & 0xF) * 4;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        ushort fragment = BinaryPrimitives.ReadUInt16BigEndian(packet[6..]);
        if (headerLength < Ipv4Header.MinLength || totalLength < headerLength || totalLength > packet.Length
            || totalLength <= mtu || (fragment & DontFragment) == 0 || (fragment & 0x1FFF) != 0
            || !IsUnicastIpv4(packet.Slice(12, 4)) || !IsUnicastIpv4(packet.Slice(16, 4))
            || (packet[9] == IpProtocol.Icmp && !IsIcmpv4Query(packet[headerLength..totalLength])))
        {
            return false;
        }

        int quoted = Math.Min(totalLength, Ipv4ReplyLimit - Ipv4Header.MinLength - IcmpHeaderLength);
        int replyLength = Ipv4Header.MinLength + IcmpHeaderLength + quoted;
        reply.Reset();
        if (!reply.TryAppend(replyLength, out Span<byte> bytes))
        {
            return false;
        }

        Ipv4Header.Write(bytes, replySource, packet.Slice(12, 4), IpProtocol.Icmp, replyLength);
        Span<byte> icmp = bytes[Ipv4Header.MinLength..];
        icmp[0] = 3; // destination unreachable
        icmp[1] = 4; // fragmentation needed and DF set
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[4..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[6..], (ushort)mtu);
        packet[..quoted].CopyTo(icmp[IcmpHeaderLength..]);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], InternetChecksum.Compute(icmp));
        return true;
    }

    private static bool TryWriteIpv6(ReadOnlySpan<byte> packet, int mtu, ReadOnlySpan<byte> replySource, PacketBuffer reply)
    {
        if (packet.Length < Ipv6Header.Length || replySource.Length != Ipv6Header.AddressLength || mtu < Ipv6ReplyLimit)
        {
            return false;
        }

        int totalLength = Ipv6Header.Length + BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
        ReadOnlySpan<byte> source = packet.Slice(8, Ipv6Header.AddressLength);
        if (totalLength > packet.Length || totalLength <= mtu || source[0] == 0xFF || !source.ContainsAnyExcept((byte)0)
            || !Ipv6UpperLayer.TryFind(packet, totalLength, out byte protocol, out int offset)
            || (protocol == IpProtocol.Icmpv6 && (offset >= totalLength || packet[offset] < 128)))
        {
            return false;
        }

        int quoted = Math.Min(totalLength, Ipv6ReplyLimit - Ipv6Header.Length - IcmpHeaderLength);
        int icmpLength = IcmpHeaderLength + quoted;
        reply.Reset();
        if (!reply.TryAppend(Ipv6Header.Length + icmpLength, out Span<byte> bytes))
        {
            return false;
        }

        Ipv6Header.Write(bytes, replySource, source, IpProtocol.Icmpv6, icmpLength);
        Span<byte> icmp = bytes[Ipv6Header.Length..];
        icmp[0] = 2; // packet too big
        icmp[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(icmp[4..], (uint)mtu);
        packet[..quoted].CopyTo(icmp[IcmpHeaderLength..]);
        ulong sum = InternetChecksum.PseudoHeader(replySource, source, IpProtocol.Icmpv6, icmpLength);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], InternetChecksum.Finish(InternetChecksum.Add(sum, icmp)));
        return true;
    }

    /// <summary>Not 0.0.0.0, loopback, multicast, class E or the limited broadcast: RFC 1122 §3.2.2 forbids errors about those.</summary>
    private static bool IsUnicastIpv4(ReadOnlySpan<byte> address) =>
        address[0] is not (0 or 127) && address[0] < 224;

    /// <summary>An ICMP message that is not itself an error (RFC 1122 §3.2.2: no error about an error).</summary>
    private static bool IsIcmpv4Query(ReadOnlySpan<byte> icmp) =>
        !icmp.IsEmpty && icmp[0] is not (3 or 4 or 5 or 11 or 12);
}
