using Microsoft.Win32.SafeHandles;

namespace IpsecTun.Platform.Windows;

/// <summary>A wait handle over an event another library owns (Wintun's read-wait event): never closed here.</summary>
internal sealed class BorrowedWaitHandle : WaitHandle
{
    public BorrowedWaitHandle(nint handle) => SafeWaitHandle = new SafeWaitHandle(handle, ownsHandle: false);
}
