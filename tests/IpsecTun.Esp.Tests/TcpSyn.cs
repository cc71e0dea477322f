using System.Buffers.Binary;
using System.Net;
using IpsecTun.Core;

namespace IpsecTun.Esp.Tests;

/// <summary>TCP SYN packets with an MSS option, and a reading of the MSS and checksum of one.</summary>
internal static class TcpSyn
{
    private const int TcpLength = 24;

    public static byte[] Create(string source, string destination, ushort mss)
    {
        byte[] src = IPAddress.Parse(source).GetAddressBytes();
        byte[] dst = IPAddress.Parse(destination).GetAddressBytes();
        int ipLength = src.Length == 4 ? Ipv4Header.MinLength : Ipv6Header.Length;
        byte[] packet = new byte[ipLength + TcpLength];
        Span<byte> tcp = packet.AsSpan(ipLength);
        BinaryPrimitives.WriteUInt16BigEndian(tcp, 40001);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], 5201);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], 0x0102_0304);
        tcp[12] = TcpLength / 4 << 4;
        tcp[13] = 0x02; // SYN
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 64240);
        tcp[20] = 2; // MSS, length 4
        tcp[21] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[22..], mss);
        ulong sum = InternetChecksum.PseudoHeader(src, dst, IpProtocol.Tcp, TcpLength);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], InternetChecksum.Finish(InternetChecksum.Add(sum, tcp)));
        if (src.Length == 4)
        {
            Ipv4Header.Write(packet, src, dst, IpProtocol.Tcp, packet.Length);
        }
        else
        {
            Ipv6Header.Write(packet, src, dst, IpProtocol.Tcp, TcpLength);
        }

        return packet;
    }

    /// <summary>The MSS of a packet made by <see cref="Create"/>, after checking its TCP checksum.</summary>
    public static ushort Mss(byte[] packet)
    {
        int ipLength = packet[0] >> 4 == 4 ? Ipv4Header.MinLength : Ipv6Header.Length;
        int addressLength = ipLength == Ipv4Header.MinLength ? 4 : 16;
        int sourceOffset = ipLength == Ipv4Header.MinLength ? 12 : 8;
        ReadOnlySpan<byte> tcp = packet.AsSpan(ipLength);
        ulong sum = InternetChecksum.PseudoHeader(
            packet.AsSpan(sourceOffset, addressLength), packet.AsSpan(sourceOffset + addressLength, addressLength), IpProtocol.Tcp, tcp.Length);
        Assert.Equal(0xFFFF, InternetChecksum.Fold(InternetChecksum.Add(sum, tcp)));
        return BinaryPrimitives.ReadUInt16BigEndian(tcp[22..]);
    }
}
