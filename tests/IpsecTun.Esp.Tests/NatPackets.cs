using System.Buffers.Binary;
using System.Net;
using IpsecTun.Core;

namespace IpsecTun.Esp.Tests;

/// <summary>
/// Builds IPv4 TCP, UDP and ICMP packets with every checksum computed from scratch, and checks the
/// checksums of a packet the same way, so translated packets are judged independently of the NAT's
/// incremental arithmetic.
/// </summary>
internal static class NatPackets
{
    public const byte Fin = 0x01;
    public const byte Syn = 0x02;
    public const byte Rst = 0x04;
    public const byte Ack = 0x10;

    public static byte[] Tcp(string source, ushort sourcePort, string destination, ushort destinationPort, byte flags = Ack, int payloadLength = 11)
    {
        byte[] segment = new byte[20 + payloadLength];
        BinaryPrimitives.WriteUInt16BigEndian(segment, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(segment.AsSpan(4), 0x1234_5678);
        BinaryPrimitives.WriteUInt32BigEndian(segment.AsSpan(8), 0x9ABC_DEF0);
        segment[12] = 5 << 4;
        segment[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(14), 64_240);
        Pattern(segment.AsSpan(20), 5);
        return Ip(source, destination, IpProtocol.Tcp, segment, checksumOffset: 16);
    }

    /// <param name="firstWord">Replaces the first two payload bytes, to steer the checksum.</param>
    public static byte[] Udp(
        string source, ushort sourcePort, string destination, ushort destinationPort, int payloadLength = 13, bool withChecksum = true,
        ushort? firstWord = null)
    {
        byte[] segment = new byte[8 + payloadLength];
        BinaryPrimitives.WriteUInt16BigEndian(segment, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(4), (ushort)segment.Length);
        Pattern(segment.AsSpan(8), 9);
        if (firstWord is ushort word)
        {
            BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(8), word);
        }
        return Ip(source, destination, IpProtocol.Udp, segment, checksumOffset: withChecksum ? 6 : -1);
    }

    public static byte[] Echo(string source, string destination, bool request, ushort id, ushort sequence = 1, int payloadLength = 24)
    {
        byte[] message = new byte[8 + payloadLength];
        message[0] = request ? (byte)8 : (byte)0;
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(4), id);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(6), sequence);
        Pattern(message.AsSpan(8), 3);
        return Ip(source, destination, IpProtocol.Icmp, message, checksumOffset: 2);
    }

    /// <summary>An ICMP error (type 3 destination unreachable, 11 time exceeded) quoting the first <paramref name="quotedLength"/> bytes of <paramref name="original"/>.</summary>
    public static byte[] IcmpError(string source, string destination, byte type, byte code, byte[] original, int? quotedLength = null)
    {
        int quoted = Math.Min(quotedLength ?? original.Length, original.Length);
        byte[] message = new byte[8 + quoted];
        message[0] = type;
        message[1] = code;
        original.AsSpan(0, quoted).CopyTo(message.AsSpan(8));
        return Ip(source, destination, IpProtocol.Icmp, message, checksumOffset: 2);
    }

    /// <summary>Asserts that the IP header checksum and the TCP, UDP or ICMP checksum are right, recomputed in full.</summary>
    public static void AssertChecksumsValid(ReadOnlySpan<byte> packet)
    {
        int headerLength = (packet[0] & 0xF) * 4;
        Assert.True(InternetChecksum.IsValid(packet[..headerLength]), "IPv4 header checksum");
        ReadOnlySpan<byte> segment = packet[headerLength..BinaryPrimitives.ReadUInt16BigEndian(packet[2..])];
        byte protocol = packet[9];
        if (protocol == IpProtocol.Icmp)
        {
            Assert.True(InternetChecksum.IsValid(segment), "ICMP checksum");
            return;
        }

        if (protocol == IpProtocol.Udp && BinaryPrimitives.ReadUInt16BigEndian(segment[6..]) == 0)
        {
            return;
        }

        ulong sum = InternetChecksum.PseudoHeader(packet[12..16], packet[16..20], protocol, segment.Length);
        Assert.True(InternetChecksum.Fold(InternetChecksum.Add(sum, segment)) == 0xFFFF, "transport checksum");
    }

    public static ushort SourcePort(byte[] packet) => BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(20));

    public static ushort DestinationPort(byte[] packet) => BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(22));

    public static ushort EchoId(byte[] packet) => BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(24));

    public static IPAddress Source(byte[] packet) => new(packet.AsSpan(12, 4));

    public static IPAddress Destination(byte[] packet) => new(packet.AsSpan(16, 4));

    private static byte[] Ip(string source, string destination, byte protocol, byte[] segment, int checksumOffset)
    {
        byte[] src = IPAddress.Parse(source).GetAddressBytes();
        byte[] dst = IPAddress.Parse(destination).GetAddressBytes();
        if (checksumOffset >= 0)
        {
            ulong sum = protocol == IpProtocol.Icmp ? 0 : InternetChecksum.PseudoHeader(src, dst, protocol, segment.Length);
            ushort checksum = InternetChecksum.Finish(InternetChecksum.Add(sum, segment));
            if (protocol == IpProtocol.Udp && checksum == 0)
            {
                checksum = 0xFFFF;
            }

            BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(checksumOffset), checksum);
        }

        byte[] packet = new byte[Ipv4Header.MinLength + segment.Length];
        segment.CopyTo(packet, Ipv4Header.MinLength);
        Ipv4Header.Write(packet, src, dst, protocol, packet.Length, ttl: 63, identification: 0x4321);
        return packet;
    }

    private static void Pattern(Span<byte> bytes, int seed)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(i * 31 + seed);
        }
    }
}
