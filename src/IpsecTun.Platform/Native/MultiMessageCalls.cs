using System.Runtime.InteropServices;

namespace IpsecTun.Platform.Native;

/// <summary>recvmmsg and sendmmsg, which Tmds.LibC 0.5 does not bind.</summary>
internal static unsafe partial class MultiMessageCalls
{
    public const int MSG_TRUNC = 0x20;

    [LibraryImport("libc", EntryPoint = "recvmmsg", SetLastError = true)]
    public static partial int ReceiveMany(int fd, MultiMessageHeader* messages, uint count, int flags, void* timeout);

    [LibraryImport("libc", EntryPoint = "sendmmsg", SetLastError = true)]
    public static partial int SendMany(int fd, MultiMessageHeader* messages, uint count, int flags);
}
