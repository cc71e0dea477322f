using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace IpsecTun.Platform.Windows;

/// <summary>
/// wintun.dll 0.14 (wintun.h): adapters, sessions and the packet rings. Handles are opaque pointers; a
/// failing call returns null and leaves the reason in the last error. The library is loaded beside
/// ipsectun.exe (see native/README.md).
/// </summary>
[SupportedOSPlatform("windows")]
internal static unsafe partial class WintunApi
{
    public const int ErrorHandleEof = 38;
    public const int ErrorBufferOverflow = 111;
    public const int ErrorNoMoreItems = 259;

    private const string Library = "wintun.dll";

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    public static partial nint WintunCreateAdapter(string name, string tunnelType, Guid* requestedGuid);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    public static partial nint WintunOpenAdapter(string name);

    [LibraryImport(Library)]
    public static partial void WintunCloseAdapter(nint adapter);

    [LibraryImport(Library)]
    public static partial void WintunGetAdapterLUID(nint adapter, NetLuid* luid);

    [LibraryImport(Library, SetLastError = true)]
    public static partial uint WintunGetRunningDriverVersion();

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint WintunStartSession(nint adapter, uint capacity);

    [LibraryImport(Library)]
    public static partial void WintunEndSession(nint session);

    [LibraryImport(Library)]
    public static partial nint WintunGetReadWaitEvent(nint session);

    [LibraryImport(Library, SetLastError = true)]
    public static partial byte* WintunReceivePacket(nint session, uint* packetSize);

    [LibraryImport(Library)]
    public static partial void WintunReleaseReceivePacket(nint session, byte* packet);

    [LibraryImport(Library, SetLastError = true)]
    public static partial byte* WintunAllocateSendPacket(nint session, uint packetSize);

    [LibraryImport(Library)]
    public static partial void WintunSendPacket(nint session, byte* packet);
}
