using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace IpsecTun.Platform.Windows;

/// <summary>
/// The IP Helper functions used (netioapi.h, iphlpapi.dll). Each returns a Win32 error code (NETIO_STATUS),
/// 0 on success; the rows are blittable and passed by pointer.
/// </summary>
[SupportedOSPlatform("windows")]
internal static unsafe partial class IpHelperApi
{
    public const int ErrorFileNotFound = 2;
    public const int ErrorNotSupported = 50;
    public const int ErrorNotFound = 1168;
    public const int ErrorNetworkUnreachable = 1231;
    public const int ErrorHostUnreachable = 1232;
    public const int ErrorObjectAlreadyExists = 5010;

    private const string Library = "iphlpapi.dll";

    [LibraryImport(Library)]
    public static partial void InitializeUnicastIpAddressEntry(UnicastIpAddressRow* row);

    [LibraryImport(Library)]
    public static partial int CreateUnicastIpAddressEntry(UnicastIpAddressRow* row);

    [LibraryImport(Library)]
    public static partial int DeleteUnicastIpAddressEntry(UnicastIpAddressRow* row);

    [LibraryImport(Library)]
    public static partial void InitializeIpForwardEntry(IpForwardRow2* row);

    [LibraryImport(Library)]
    public static partial int CreateIpForwardEntry2(IpForwardRow2* row);

    [LibraryImport(Library)]
    public static partial int DeleteIpForwardEntry2(IpForwardRow2* row);

    [LibraryImport(Library)]
    public static partial int GetBestRoute2(
        NetLuid* interfaceLuid,
        uint interfaceIndex,
        SocketAddressInet* sourceAddress,
        SocketAddressInet* destinationAddress,
        uint addressSortOptions,
        IpForwardRow2* bestRoute,
        SocketAddressInet* bestSourceAddress);

    [LibraryImport(Library)]
    public static partial int ConvertInterfaceLuidToIndex(NetLuid* interfaceLuid, uint* interfaceIndex);

    [LibraryImport(Library)]
    public static partial int ConvertInterfaceIndexToLuid(uint interfaceIndex, NetLuid* interfaceLuid);

    [LibraryImport(Library)]
    public static partial void InitializeIpInterfaceEntry(IpInterfaceRow* row);

    [LibraryImport(Library)]
    public static partial int GetIpInterfaceEntry(IpInterfaceRow* row);

    [LibraryImport(Library)]
    public static partial int SetIpInterfaceEntry(IpInterfaceRow* row);

    [LibraryImport(Library)]
    public static partial int GetIpPathEntry(IpPathRow* row);

    public static NetLuid LuidOf(int interfaceIndex)
    {
        NetLuid luid;
        ThrowIfFailed(ConvertInterfaceIndexToLuid((uint)interfaceIndex, &luid), $"find interface {interfaceIndex}");
        return luid;
    }

    public static int IndexOf(NetLuid luid)
    {
        uint index;
        ThrowIfFailed(ConvertInterfaceLuidToIndex(&luid, &index), "find the adapter's interface index");
        return (int)index;
    }

    public static void ThrowIfFailed(int error, string operation)
    {
        if (error != 0)
        {
            throw new System.ComponentModel.Win32Exception(error, $"{operation}: {new System.ComponentModel.Win32Exception(error).Message}");
        }
    }
}
