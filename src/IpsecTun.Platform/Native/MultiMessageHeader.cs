using System.Runtime.InteropServices;

namespace IpsecTun.Platform.Native;

/// <summary>struct mmsghdr: a message header and the byte count the kernel transferred for it.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MultiMessageHeader
{
    public MessageHeader Header;
    public uint Length;
}
