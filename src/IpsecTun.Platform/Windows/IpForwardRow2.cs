using System.Runtime.InteropServices;

namespace IpsecTun.Platform.Windows;

/// <summary>MIB_IPFORWARD_ROW2 (netioapi.h), 104 bytes on x64: one route. NextHop 0.0.0.0 or :: is on-link.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct IpForwardRow2
{
    /// <summary>MIB_IPPROTO_NETMGMT: a static route added by management, as `route add` makes.</summary>
    public const int ProtocolNetManagement = 3;

    public NetLuid InterfaceLuid;
    public uint InterfaceIndex;
    public IpAddressPrefix DestinationPrefix;
    public SocketAddressInet NextHop;
    public byte SitePrefixLength;
    public uint ValidLifetime;
    public uint PreferredLifetime;
    public uint Metric;
    public int Protocol;
    public byte Loopback;
    public byte AutoconfigureAddress;
    public byte Publish;
    public byte Immortal;
    public uint Age;
    public int Origin;
}
