using System.Buffers.Binary;
using System.Net;

namespace IpsecTun.Platform.Netlink;

/// <summary>Reads the answer to an RTM_GETROUTE: struct rtmsg, then RTA_OIF, RTA_GATEWAY and RTA_PREFSRC.</summary>
internal static class RouteReply
{
    /// <summary>Parses an RTM_NEWROUTE payload (after its netlink header); fails on anything malformed.</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out RoutePath? path)
    {
        path = null;
        if (payload.Length < RouteMessages.RouteInfoSize)
        {
            return false;
        }

        int addressLength = payload[0] switch
        {
            RouteMessages.FamilyInet => 4,
            RouteMessages.FamilyInet6 => 16,
            _ => 0,
        };
        if (addressLength == 0)
        {
            return false;
        }

        int interfaceIndex = 0;
        IPAddress? gateway = null;
        IPAddress? source = null;
        var reader = new NetlinkAttributeReader(payload[RouteMessages.RouteInfoSize..]);
        while (reader.TryReadNext(out ushort type, out ReadOnlySpan<byte> value))
        {
            switch (type)
            {
                case RouteMessages.RouteOutputInterface when value.Length == 4:
                    interfaceIndex = BinaryPrimitives.ReadInt32LittleEndian(value);
                    break;
                case RouteMessages.RouteGateway when value.Length == addressLength:
                    gateway = new IPAddress(value);
                    break;
                case RouteMessages.RoutePreferredSource when value.Length == addressLength:
                    source = new IPAddress(value);
                    break;
                case RouteMessages.RouteOutputInterface or RouteMessages.RouteGateway or RouteMessages.RoutePreferredSource:
                    return false;
            }
        }

        if (reader.Malformed || interfaceIndex <= 0)
        {
            return false;
        }

        path = new RoutePath(interfaceIndex, gateway, source);
        return true;
    }
}
