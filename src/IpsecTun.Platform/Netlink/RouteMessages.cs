using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace IpsecTun.Platform.Netlink;

/// <summary>
/// rtnetlink requests (linux/rtnetlink.h, linux/if_link.h, linux/if_addr.h): link state and MTU, interface
/// addresses, and routes out of an interface. Each returns the finished request for <see cref="NetlinkSocket.Execute"/>.
/// </summary>
internal static class RouteMessages
{
    public const ushort NewAddress = 20;
    public const ushort DeleteAddress = 21;
    public const ushort NewRoute = 24;
    public const ushort DeleteRoute = 25;
    public const int MaxRequestSize = 128;

    private const ushort SetLink = 19;
    private const int InterfaceInfoSize = 16;
    private const int InterfaceAddressSize = 8;
    private const int RouteInfoSize = 12;
    private const uint InterfaceUp = 0x1;
    private const ushort LinkMtu = 4;
    private const ushort AddressAddress = 1;
    private const ushort AddressLocal = 2;
    private const byte AddressNoDad = 0x02;
    private const ushort RouteDestination = 1;
    private const ushort RouteOutputInterface = 4;
    private const byte MainTable = 254;
    private const byte ProtocolStatic = 4;
    private const byte ScopeLink = 253;
    private const byte RouteUnicast = 1;
    private const byte FamilyInet = 2;
    private const byte FamilyInet6 = 10;

    private const ushort AddFlags = NetlinkHeader.FlagRequest | NetlinkHeader.FlagAcknowledge
        | NetlinkHeader.FlagCreate | NetlinkHeader.FlagExclusive;

    private const ushort ChangeFlags = NetlinkHeader.FlagRequest | NetlinkHeader.FlagAcknowledge;

    /// <summary>RTM_SETLINK changing only the IFF_UP flag.</summary>
    public static Span<byte> LinkState(Span<byte> buffer, int interfaceIndex, bool up)
    {
        var writer = new NetlinkRequestWriter(buffer, SetLink, ChangeFlags);
        WriteInterfaceInfo(writer.AppendFixed(InterfaceInfoSize), interfaceIndex, up ? InterfaceUp : 0, InterfaceUp);
        return writer.Finish();
    }

    /// <summary>RTM_SETLINK with IFLA_MTU.</summary>
    public static Span<byte> LinkMtuRequest(Span<byte> buffer, int interfaceIndex, int mtu)
    {
        var writer = new NetlinkRequestWriter(buffer, SetLink, ChangeFlags);
        WriteInterfaceInfo(writer.AppendFixed(InterfaceInfoSize), interfaceIndex, 0, 0);
        writer.AppendAttribute(LinkMtu, (uint)mtu);
        return writer.Finish();
    }

    /// <summary>
    /// RTM_NEWADDR or RTM_DELADDR for a local address with no peer: IFA_LOCAL and IFA_ADDRESS both carry
    /// it, as iproute2 sends them. IPv6 addresses skip duplicate address detection, which has no meaning on a
    /// point-to-point tunnel and would leave the address unusable for a while.
    /// </summary>
    public static Span<byte> Address(Span<byte> buffer, ushort type, int interfaceIndex, IPAddress address, int prefixLength)
    {
        var writer = new NetlinkRequestWriter(buffer, type, type == NewAddress ? AddFlags : ChangeFlags);
        Span<byte> info = writer.AppendFixed(InterfaceAddressSize);
        info[0] = FamilyOf(address);
        info[1] = (byte)prefixLength;
        info[2] = address.AddressFamily == AddressFamily.InterNetworkV6 ? AddressNoDad : (byte)0;
        BinaryPrimitives.WriteInt32LittleEndian(info[4..], interfaceIndex);
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out int length);
        writer.AppendAttribute(AddressLocal, bytes[..length]);
        writer.AppendAttribute(AddressAddress, bytes[..length]);
        return writer.Finish();
    }

    /// <summary>RTM_NEWROUTE or RTM_DELROUTE: a unicast route in the main table straight out of an interface.</summary>
    public static Span<byte> Route(Span<byte> buffer, ushort type, int interfaceIndex, IPAddress destination, int prefixLength)
    {
        var writer = new NetlinkRequestWriter(buffer, type, type == NewRoute ? AddFlags : ChangeFlags);
        Span<byte> info = writer.AppendFixed(RouteInfoSize);
        info[0] = FamilyOf(destination);
        info[1] = (byte)prefixLength;
        info[4] = MainTable;
        info[5] = ProtocolStatic;
        info[6] = ScopeLink;
        info[7] = RouteUnicast;
        if (prefixLength > 0)
        {
            Span<byte> bytes = stackalloc byte[16];
            destination.TryWriteBytes(bytes, out int length);
            writer.AppendAttribute(RouteDestination, bytes[..length]);
        }

        writer.AppendAttribute(RouteOutputInterface, (uint)interfaceIndex);
        return writer.Finish();
    }

    private static void WriteInterfaceInfo(Span<byte> info, int interfaceIndex, uint flags, uint change)
    {
        // ifi_family AF_UNSPEC, ifi_type 0: the kernel identifies the link by index alone.
        BinaryPrimitives.WriteInt32LittleEndian(info[4..], interfaceIndex);
        BinaryPrimitives.WriteUInt32LittleEndian(info[8..], flags);
        BinaryPrimitives.WriteUInt32LittleEndian(info[12..], change);
    }

    private static byte FamilyOf(IPAddress address) => address.AddressFamily switch
    {
        AddressFamily.InterNetwork => FamilyInet,
        AddressFamily.InterNetworkV6 => FamilyInet6,
        _ => throw new ArgumentException("Only IPv4 and IPv6 addresses are configured.", nameof(address)),
    };
}
