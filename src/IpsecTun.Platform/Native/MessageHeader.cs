using System.Runtime.InteropServices;

namespace IpsecTun.Platform.Native;

/// <summary>struct msghdr of 64-bit Linux, with one iovec per message.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MessageHeader
{
    public void* Name;
    public uint NameLength;
    public IoVector* Vectors;
    public nuint VectorCount;
    public void* Control;
    public nuint ControlLength;
    public int Flags;
}
