using System.Runtime.InteropServices;

namespace IpsecTun.Platform.Windows;

/// <summary>
/// MIB_IPPATH_ROW (netioapi.h), 136 bytes on x64: what the stack knows of the path from a source to a
/// destination, read with GetIpPathEntry. PathMtu includes the IP header and drops when ICMP reports a
/// smaller MTU on the way.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct IpPathRow
{
    public SocketAddressInet Source;
    public SocketAddressInet Destination;
    public NetLuid InterfaceLuid;
    public uint InterfaceIndex;
    public SocketAddressInet CurrentNextHop;
    public uint PathMtu;
    public uint RttMean;
    public uint RttDeviation;
    public uint LastReachableOrUnreachable;
    public byte IsReachable;
    public ulong LinkTransmitSpeed;
    public ulong LinkReceiveSpeed;
}
