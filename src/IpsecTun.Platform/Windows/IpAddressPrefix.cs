using System.Net;
using System.Runtime.InteropServices;

namespace IpsecTun.Platform.Windows;

/// <summary>IP_ADDRESS_PREFIX (netioapi.h): a SOCKADDR_INET and a prefix length, 32 bytes with padding.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct IpAddressPrefix
{
    public SocketAddressInet Prefix;
    public byte PrefixLength;

    public static IpAddressPrefix From(IPAddress address, int prefixLength) =>
        new() { Prefix = SocketAddressInet.From(address), PrefixLength = (byte)prefixLength };
}
