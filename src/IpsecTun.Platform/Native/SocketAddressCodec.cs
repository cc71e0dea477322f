using System.Buffers.Binary;
using IpsecTun.Core;

namespace IpsecTun.Platform.Native;

/// <summary>
/// sockaddr_in and sockaddr_in6 (netinet/in.h) to and from <see cref="NetworkEndpoint"/>: family in host order,
/// port and address in network order.
/// </summary>
internal static class SocketAddressCodec
{
    public const int MaxLength = 28;
    private const ushort FamilyInet = 2;
    private const ushort FamilyInet6 = 10;
    private const int InetLength = 16;

    public static int Write(NetworkEndpoint endpoint, Span<byte> destination)
    {
        destination[..MaxLength].Clear();
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], endpoint.Port);
        if (endpoint.Version == 4)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination, FamilyInet);
            IpAddressBits.Write(4, endpoint.Address, destination[4..8]);
            return InetLength;
        }

        BinaryPrimitives.WriteUInt16LittleEndian(destination, FamilyInet6);
        IpAddressBits.Write(6, endpoint.Address, destination[8..24]);
        return MaxLength;
    }

    public static bool TryRead(ReadOnlySpan<byte> source, out NetworkEndpoint endpoint)
    {
        endpoint = default;
        if (source.Length < InetLength)
        {
            return false;
        }

        ushort family = BinaryPrimitives.ReadUInt16LittleEndian(source);
        ushort port = BinaryPrimitives.ReadUInt16BigEndian(source[2..]);
        if (family == FamilyInet)
        {
            endpoint = new NetworkEndpoint(4, IpAddressBits.Read(source[4..8]), port);
            return true;
        }

        if (family == FamilyInet6 && source.Length >= MaxLength)
        {
            endpoint = new NetworkEndpoint(6, IpAddressBits.Read(source[8..24]), port);
            return true;
        }

        return false;
    }
}
