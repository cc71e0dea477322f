using System.Buffers.Binary;
using System.Net;

namespace IpsecTun.Core.Tests.Packets;

/// <summary>Packets written byte by byte, with checksums from <see cref="ReferenceChecksum"/>.</summary>
internal static class TestPackets
{
    public static readonly byte[] Host4 = IPAddress.Parse("10.0.0.1").GetAddressBytes();
    public static readonly byte[] Server4 = IPAddress.Parse("10.0.0.2").GetAddressBytes();
    public static readonly byte[] Host6 = IPAddress.Parse("2001:db8::1").GetAddressBytes();
    public static readonly byte[] Server6 = IPAddress.Parse("2001:db8::2").GetAddressBytes();

    /// <summary>An IPv4 packet: 20-byte header (DF when asked), then <paramref name="payload"/>.</summary>
    public static byte[] Ipv4(byte protocol, byte[] payload, bool dontFragment = true, ushort fragmentOffset = 0, byte[]? source = null, byte[]? destination = null)
    {
        var packet = new byte[20 + payload.Length];
        packet[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), 0x1c46);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), (ushort)((dontFragment ? 0x4000 : 0) | fragmentOffset));
        packet[8] = 64;
        packet[9] = protocol;
        (source ?? Host4).CopyTo(packet, 12);
        (destination ?? Server4).CopyTo(packet, 16);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), (ushort)~ReferenceChecksum.Sum(packet[..20]));
        payload.CopyTo(packet, 20);
        return packet;
    }

    /// <summary>An IPv6 packet with the given next header and payload (extension headers included in it).</summary>
    public static byte[] Ipv6(byte nextHeader, byte[] payload, byte[]? source = null)
    {
        var packet = new byte[40 + payload.Length];
        packet[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)payload.Length);
        packet[6] = nextHeader;
        packet[7] = 64;
        (source ?? Host6).CopyTo(packet, 8);
        Server6.CopyTo(packet, 24);
        payload.CopyTo(packet, 40);
        return packet;
    }

    /// <summary>A TCP segment 40000 → 443 with the given flags and options, its checksum over the pseudo-header of the addresses.</summary>
    public static byte[] Tcp(byte flags, byte[] options, byte[] source, byte[] destination, int dataLength = 0)
    {
        var tcp = new byte[20 + options.Length + dataLength];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, 40000);
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(2), 443);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(4), 1);
        tcp[12] = (byte)((20 + options.Length) / 4 << 4);
        tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(14), 64240);
        options.CopyTo(tcp, 20);
        for (int i = 20 + options.Length; i < tcp.Length; i++)
        {
            tcp[i] = (byte)i;
        }

        uint sum = ReferenceChecksum.Sum(ReferenceChecksum.Pseudo(source, destination, IpProtocol.Tcp, tcp.Length), tcp);
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(16), (ushort)~sum);
        return tcp;
    }
}
