using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using IpsecTun.Core;

namespace IpsecTun.Platform.Sockets;

/// <summary>
/// <see cref="NetworkEndpoint"/> to and from a reusable <see cref="SocketAddress"/>, whose buffer is the
/// system's sockaddr_in or sockaddr_in6. Only the family field differs between Linux and Windows (which
/// <see cref="SocketAddress.Family"/> reads); port (2) and address (4 for IPv4, 8 for IPv6) sit at the same
/// offsets in network order on both, so reading and writing them in place allocates nothing.
/// </summary>
internal static class ManagedSocketAddress
{
    private const int PortOffset = 2;
    private const int Ipv4Offset = 4;
    private const int Ipv6Offset = 8;
    private const int Ipv4End = Ipv4Offset + 4;
    private const int Ipv6End = Ipv6Offset + 16;

    /// <summary>A reusable address of the family of <paramref name="version"/> (4 or 6).</summary>
    public static SocketAddress Create(byte version) =>
        new(version == 4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6);

    /// <summary>Writes port and address into <paramref name="address"/>; false when the endpoint is of the other family.</summary>
    public static bool TryWrite(NetworkEndpoint endpoint, SocketAddress address)
    {
        Span<byte> bytes = address.Buffer.Span;
        if (address.Family == AddressFamily.InterNetwork && endpoint.Version == 4)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes[PortOffset..], endpoint.Port);
            IpAddressBits.Write(4, endpoint.Address, bytes[Ipv4Offset..Ipv4End]);
            return true;
        }

        if (address.Family == AddressFamily.InterNetworkV6 && endpoint.Version == 6)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes[PortOffset..], endpoint.Port);
            IpAddressBits.Write(6, endpoint.Address, bytes[Ipv6Offset..Ipv6End]);
            return true;
        }

        return false;
    }

    /// <summary>Reads what a receive filled in; false for a family other than IPv4 and IPv6 or a short address.</summary>
    public static bool TryRead(SocketAddress address, out NetworkEndpoint endpoint)
    {
        endpoint = default;
        ReadOnlySpan<byte> bytes = address.Buffer.Span[..address.Size];
        if (address.Family == AddressFamily.InterNetwork && bytes.Length >= Ipv4End)
        {
            endpoint = new NetworkEndpoint(4, IpAddressBits.Read(bytes[Ipv4Offset..Ipv4End]), BinaryPrimitives.ReadUInt16BigEndian(bytes[PortOffset..]));
            return true;
        }

        if (address.Family == AddressFamily.InterNetworkV6 && bytes.Length >= Ipv6End)
        {
            endpoint = new NetworkEndpoint(6, IpAddressBits.Read(bytes[Ipv6Offset..Ipv6End]), BinaryPrimitives.ReadUInt16BigEndian(bytes[PortOffset..]));
            return true;
        }

        return false;
    }
}
