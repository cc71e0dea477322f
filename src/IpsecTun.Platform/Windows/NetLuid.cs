using System.Runtime.InteropServices;

namespace IpsecTun.Platform.Windows;

/// <summary>NET_LUID (ifdef.h): the locally unique identifier of a network interface, 8 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NetLuid
{
    public ulong Value;
}
