using System.Runtime.InteropServices;

namespace IpsecTun.Platform.Netlink;

/// <summary>struct sockaddr_nl, which Tmds.LibC does not carry.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SocketAddressNetlink
{
    public ushort Family;
    public ushort Padding;
    public uint PortId;
    public uint Groups;
}
