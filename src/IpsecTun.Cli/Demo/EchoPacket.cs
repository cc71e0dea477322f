using System.Buffers.Binary;
using System.Net;
using IpsecTun.Core;

namespace IpsecTun.Cli.Demo;

/// <summary>ICMP echo request and reply packets (RFC 792) for the demo's ping between in-memory adapters.</summary>
internal static class EchoPacket
{
    private const byte EchoReply = 0;
    private const byte EchoRequest = 8;
    private const int IcmpHeaderLength = 8;
    private const int DataLength = 56;

    public static byte[] Request(string source, string destination, ushort identifier, ushort sequence)
    {
        byte[] packet = new byte[Ipv4Header.MinLength + IcmpHeaderLength + DataLength];
        Span<byte> icmp = packet.AsSpan(Ipv4Header.MinLength);
        icmp[0] = EchoRequest;
        BinaryPrimitives.WriteUInt16BigEndian(icmp[4..], identifier);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[6..], sequence);
        for (int i = 0; i < DataLength; i++)
        {
            icmp[IcmpHeaderLength + i] = (byte)i;
        }

        Finish(packet, IPAddress.Parse(source).GetAddressBytes(), IPAddress.Parse(destination).GetAddressBytes());
        return packet;
    }

    /// <summary>The reply a host sends to <paramref name="request"/>, or null when it is no intact echo request.</summary>
    public static byte[]? Reply(byte[] request)
    {
        if (!IsIcmp(request, EchoRequest))
        {
            return null;
        }

        byte[] reply = (byte[])request.Clone();
        reply[Ipv4Header.MinLength] = EchoReply;
        Finish(reply, request.AsSpan(16, 4), request.AsSpan(12, 4));
        return reply;
    }

    /// <summary>True when <paramref name="packet"/> is an intact echo reply to the request with <paramref name="sequence"/>.</summary>
    public static bool IsReply(byte[] packet, ushort identifier, ushort sequence) =>
        IsIcmp(packet, EchoReply)
        && BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(Ipv4Header.MinLength + 4)) == identifier
        && BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(Ipv4Header.MinLength + 6)) == sequence;

    private static bool IsIcmp(byte[] packet, byte type) =>
        packet.Length == Ipv4Header.MinLength + IcmpHeaderLength + DataLength
        && packet[0] == 0x45 && packet[9] == IpProtocol.Icmp && packet[Ipv4Header.MinLength] == type
        && InternetChecksum.IsValid(packet.AsSpan(0, Ipv4Header.MinLength))
        && InternetChecksum.IsValid(packet.AsSpan(Ipv4Header.MinLength));

    private static void Finish(byte[] packet, ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination)
    {
        Span<byte> icmp = packet.AsSpan(Ipv4Header.MinLength);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], InternetChecksum.Compute(icmp));
        Ipv4Header.Write(packet, source, destination, IpProtocol.Icmp, packet.Length);
    }
}
