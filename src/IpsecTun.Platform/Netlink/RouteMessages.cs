using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace IpsecTun.Platform.Netlink;

/// <summary>
/// rtnetlink address, route and rule requests (linux/rtnetlink.h, linux/if_addr.h, linux/fib_rules.h):
/// interface addresses, routes on-link or through a gateway, policy routing rules, and route lookups. Each returns the finished request for
/// <see cref="NetlinkSocket"/>.
/// </summary>
internal static class RouteMessages
{
    public const ushort NewAddress = 20;
    public const ushort DeleteAddress = 21;
    public const ushort NewRoute = 24;
    public const ushort DeleteRoute = 25;
    public const ushort GetRoute = 26;
    public const ushort NewRule = 32;
    public const ushort DeleteRule = 33;
    public const int MaxRequestSize = 128;
    public const int RouteInfoSize = 12;

    // rtattr types of a route (enum rtattr_type_t).
    public const ushort RouteDestination = 1;
    public const ushort RouteOutputInterface = 4;
    public const ushort RouteGateway = 5;
    public const ushort RoutePriority = 6;
    public const ushort RoutePreferredSource = 7;
    public const ushort RouteTable = 15;

    // FRA_* attributes of a rule (linux/fib_rules.h); its header has the size of a route's.
    private const ushort RuleInputInterface = 3;
    private const ushort RuleGoto = 4;
    private const ushort RulePriority = 6;
    private const ushort RuleMark = 10;
    private const ushort RuleTable = 15;
    private const ushort RuleMarkMask = 16;
    private const byte RuleActionToTable = 1;
    private const byte RuleActionGoto = 2;
    private const byte RuleActionNop = 3;

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
    /// RTM_NEWROUTE or RTM_DELROUTE: a unicast route out of an interface in the main table or the one the
    /// route names (RTA_TABLE beyond the 8-bit field), with RTA_GATEWAY (universe scope) when it goes through
    /// one and link scope otherwise, RTA_PRIORITY for a metric and RTA_PREFSRC for a source. A removal
    /// carries the same fields, so it matches only the route that was added.
    /// </summary>
    public static Span<byte> Route(Span<byte> buffer, ushort type, RouteEntry route)
    {
        var writer = new NetlinkRequestWriter(buffer, type, type == NewRoute ? AddFlags : ChangeFlags);
        Span<byte> info = writer.AppendFixed(RouteInfoSize);
        info[0] = FamilyOf(route.Destination);
        info[1] = (byte)route.PrefixLength;
        info[4] = route.Table == 0 ? MainTable : route.Table < 256 ? (byte)route.Table : (byte)0;
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

        if (route.PreferredSource is not null)
        {
            writer.AppendAttribute(RoutePreferredSource, bytes[..WriteAddress(route.PreferredSource, bytes)]);
        }

        if (route.Table >= 256)
        {
            writer.AppendAttribute(RouteTable, (uint)route.Table);
        }

        return writer.Finish();
    }

    /// <summary>
    /// RTM_NEWRULE or RTM_DELRULE: FRA_PRIORITY, a mark match with a full mask, the input interface (FRA_IIFNAME,
    /// NUL-terminated), and FR_ACT_TO_TBL with FRA_TABLE (and the header's field when it fits), FR_ACT_GOTO with
    /// FRA_GOTO, or FR_ACT_NOP, as iproute2 sends them.
    /// </summary>
    public static Span<byte> Rule(Span<byte> buffer, ushort type, RoutingRule rule)
    {
        var writer = new NetlinkRequestWriter(buffer, type, type == NewRule ? AddFlags : ChangeFlags);
        Span<byte> header = writer.AppendFixed(RouteInfoSize);
        header[0] = rule.Family == AddressFamily.InterNetworkV6 ? FamilyInet6 : FamilyInet;
        header[4] = rule.Table is > 0 and < 256 ? (byte)rule.Table : (byte)0;
        header[7] = rule.Table != 0 ? RuleActionToTable : rule.GotoPriority != 0 ? RuleActionGoto : RuleActionNop;
        writer.AppendAttribute(RulePriority, (uint)rule.Priority);
        if (rule.Mark != 0)
        {
            writer.AppendAttribute(RuleMark, rule.Mark);
            writer.AppendAttribute(RuleMarkMask, uint.MaxValue);
        }

        if (rule.InputInterface is { } input)
        {
            Span<byte> name = stackalloc byte[16];
            int length = System.Text.Encoding.ASCII.GetBytes(input, name);
            name[length] = 0;
            writer.AppendAttribute(RuleInputInterface, name[..(length + 1)]);
        }

        if (rule.Table != 0)
        {
            writer.AppendAttribute(RuleTable, (uint)rule.Table);
        }
        else if (rule.GotoPriority != 0)
        {
            writer.AppendAttribute(RuleGoto, (uint)rule.GotoPriority);
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
