using System.Buffers.Binary;
using System.Text;

namespace IpsecTun.Platform.Netlink;

/// <summary>rtnetlink link requests (linux/rtnetlink.h, linux/if_link.h): state, MTU, lookup by name, removal.</summary>
internal static class LinkMessages
{
    public const ushort NewLink = 16;
    public const int InterfaceInfoSize = 16;
    public const int MaxNameLength = 15;

    private const ushort DeleteLink = 17;
    private const ushort GetLink = 18;
    private const ushort SetLink = 19;
    private const uint InterfaceUp = 0x1;
    private const ushort LinkMtu = 4;
    private const ushort LinkName = 3;

    /// <summary>RTM_SETLINK changing only the IFF_UP flag.</summary>
    public static Span<byte> State(Span<byte> buffer, int interfaceIndex, bool up)
    {
        var writer = new NetlinkRequestWriter(buffer, SetLink, RouteMessages.ChangeFlags);
        WriteInterfaceInfo(writer.AppendFixed(InterfaceInfoSize), interfaceIndex, up ? InterfaceUp : 0, InterfaceUp);
        return writer.Finish();
    }

    /// <summary>RTM_SETLINK with IFLA_MTU.</summary>
    public static Span<byte> Mtu(Span<byte> buffer, int interfaceIndex, int mtu)
    {
        var writer = new NetlinkRequestWriter(buffer, SetLink, RouteMessages.ChangeFlags);
        WriteInterfaceInfo(writer.AppendFixed(InterfaceInfoSize), interfaceIndex, 0, 0);
        writer.AppendAttribute(LinkMtu, (uint)mtu);
        return writer.Finish();
    }

    /// <summary>RTM_GETLINK by IFLA_IFNAME; the kernel answers with RTM_NEWLINK or ENODEV.</summary>
    public static Span<byte> Lookup(Span<byte> buffer, string name)
    {
        if (name.Length is 0 or > MaxNameLength || !Ascii.IsValid(name))
        {
            throw new ArgumentException($"An interface name is 1 to {MaxNameLength} ASCII characters.", nameof(name));
        }

        var writer = new NetlinkRequestWriter(buffer, GetLink, NetlinkHeader.FlagRequest);
        writer.AppendFixed(InterfaceInfoSize);
        Span<byte> value = stackalloc byte[MaxNameLength + 1];
        int length = Encoding.ASCII.GetBytes(name, value);
        value[length] = 0;
        writer.AppendAttribute(LinkName, value[..(length + 1)]);
        return writer.Finish();
    }

    /// <summary>RTM_DELLINK by index.</summary>
    public static Span<byte> Delete(Span<byte> buffer, int interfaceIndex)
    {
        var writer = new NetlinkRequestWriter(buffer, DeleteLink, RouteMessages.ChangeFlags);
        WriteInterfaceInfo(writer.AppendFixed(InterfaceInfoSize), interfaceIndex, 0, 0);
        return writer.Finish();
    }

    /// <summary>The interface index of an RTM_NEWLINK payload (ifi_index of struct ifinfomsg).</summary>
    public static bool TryReadIndex(ReadOnlySpan<byte> payload, out int interfaceIndex)
    {
        interfaceIndex = 0;
        if (payload.Length < InterfaceInfoSize)
        {
            return false;
        }

        interfaceIndex = BinaryPrimitives.ReadInt32LittleEndian(payload[4..]);
        return interfaceIndex > 0;
    }

    private static void WriteInterfaceInfo(Span<byte> info, int interfaceIndex, uint flags, uint change)
    {
        // ifi_family AF_UNSPEC, ifi_type 0: the kernel identifies the link by index alone.
        BinaryPrimitives.WriteInt32LittleEndian(info[4..], interfaceIndex);
        BinaryPrimitives.WriteUInt32LittleEndian(info[8..], flags);
        BinaryPrimitives.WriteUInt32LittleEndian(info[12..], change);
    }
}
