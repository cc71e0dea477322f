using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace IpsecTun.Platform.Netlink;

/// <summary>
/// rtnetlink address and route requests (linux/rtnetlink.h, linux/if_addr.h): interface addresses, routes
/// on-link or through a gateway, and route lookups. Each returns the finished request for
/// <see cref="NetlinkSocket"/>.
/// </summary>
internal static class RouteMessages
{
    public const ushort NewAddress = 20;
    public const ushort DeleteAddress = 21;
    public const ushort NewRoute = 24;
    public const ushort DeleteRoute = 25;
    public const ushort GetRoute = 26;
    public const int MaxRequestSize = 128;
    public const int RouteInfoSize = 12;

    // rtattr types of a route (enum rtattr_type_t).
    public const ushort RouteDestination = 1;
    public const ushort RouteOutputInterface = 4;
    public const ushort RouteGateway = 5;
    public const ushort RoutePriority = 6;
    public const ushort RoutePreferredSource = 7;

    private const int InterfaceAddressSize = 8;
    private const ushort AddressAddress = 1;
    private const ushort AddressLocal = 2;
    private const byte AddressNoDad = 0x02;
    private const byte MainTable = 254;
    private const byte ProtocolStatic = 4;
    private const byte ScopeUniverse = 0;
    private const byte ScopeLink = 253;
    private const byte RouteUnicast = 1;
    public const byte FamilyInet = 2;
    public const byte FamilyInet6 = 10;

    public const ushort AddFlags = NetlinkHeader.FlagRequest | NetlinkHeader.FlagAcknowledge
        | NetlinkHeader.FlagCreate | NetlinkHeader.FlagExclusive;

    public const ushort ChangeFlags = NetlinkHeader.FlagRequest | NetlinkHeader.FlagAcknowledge;

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
        int length = WriteAddress(address, bytes);
        writer.AppendAttribute(AddressLocal, bytes[..length]);
        writer.AppendAttribute(AddressAddress, bytes[..length]);
        return writer.Finish();
    }

    /// <summary>
    /// RTM_NEWROUTE or RTM_DELROUTE: a unicast route in the main table out of an interface, with RTA_GATEWAY
    /// (universe scope) when it goes through one and link scope otherwise, and RTA_PRIORITY for a metric.
    /// A removal carries the same fields, so it matches only the route that was added.
    /// </summary>
    public static Span<byte> Route(Span<byte> buffer, ushort type, RouteEntry route)
    {
        var writer = new NetlinkRequestWriter(buffer, type, type == NewRoute ? AddFlags : ChangeFlags);
        Span<byte> info = writer.AppendFixed(RouteInfoSize);
        info[0] = FamilyOf(route.Destination);
        info[1] = (byte)route.PrefixLength;
        info[4] = MainTable;
        info[5] = ProtocolStatic;
        info[6] = route.Gateway is null ? ScopeLink : ScopeUniverse;
        info[7] = RouteUnicast;
        Span<byte> bytes = stackalloc byte[16];
        if (route.PrefixLength > 0)
        {
            writer.AppendAttribute(RouteDestination, bytes[..WriteAddress(route.Destination, bytes)]);
        }

        writer.AppendAttribute(RouteOutputInterface, (uint)route.InterfaceIndex);
        if (route.Gateway is not null)
        {
            writer.AppendAttribute(RouteGateway, bytes[..WriteAddress(route.Gateway, bytes)]);
        }

        if (route.Metric != 0)
        {
            writer.AppendAttribute(RoutePriority, (uint)route.Metric);
        }

        return writer.Finish();
    }

    /// <summary>
    /// RTM_GETROUTE for one destination (a full-length RTA_DST): the kernel answers with the RTM_NEWROUTE it
    /// would use for a packet to it, or an error such as ENETUNREACH. No acknowledgement is asked for.
    /// </summary>
    public static Span<byte> Lookup(Span<byte> buffer, IPAddress destination)
    {
        var writer = new NetlinkRequestWriter(buffer, GetRoute, NetlinkHeader.FlagRequest);
        Span<byte> info = writer.AppendFixed(RouteInfoSize);
        info[0] = FamilyOf(destination);
        info[1] = (byte)IpPrefix.FullLength(destination);
        Span<byte> bytes = stackalloc byte[16];
        writer.AppendAttribute(RouteDestination, bytes[..WriteAddress(destination, bytes)]);
        return writer.Finish();
    }

    private static int WriteAddress(IPAddress address, Span<byte> bytes)
    {
        address.TryWriteBytes(bytes, out int length);
        return length;
    }

    private static byte FamilyOf(IPAddress address) => address.AddressFamily switch
    {
        AddressFamily.InterNetwork => FamilyInet,
        AddressFamily.InterNetworkV6 => FamilyInet6,
        _ => throw new ArgumentException("Only IPv4 and IPv6 addresses are configured.", nameof(address)),
    };
}
