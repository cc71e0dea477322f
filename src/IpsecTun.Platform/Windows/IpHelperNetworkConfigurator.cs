using System.ComponentModel;
using System.Net.Sockets;
using System.Runtime.Versioning;
using IpsecTun.Platform.State;

namespace IpsecTun.Platform.Windows;

/// <summary>
/// Windows: configures interfaces through the IP Helper API: unicast address entries, forward entries
/// (routes on-link or through a gateway, with a metric) and the interface's NlMtu per family. Added
/// addresses and routes are removed on Dispose, as on Linux. Windows has no administrative link state in
/// this API: a Wintun adapter is up while its session runs, so only "up" is accepted.
/// </summary>
[SupportedOSPlatform("windows")]
public sealed unsafe class IpHelperNetworkConfigurator : UndoingNetworkConfigurator
{
    private const ushort FamilyInet = SocketAddressInet.FamilyInet;
    private const ushort FamilyInet6 = SocketAddressInet.FamilyInet6;
    private const int MinimumIpv6Mtu = 1280;

    public override void SetLinkUp(int interfaceIndex, bool up)
    {
        if (!up)
        {
            throw new PlatformNotSupportedException("A Wintun adapter goes down when its session ends, not through the IP Helper API.");
        }

        _ = IpHelperApi.LuidOf(interfaceIndex);
    }

    /// <summary>Sets NlMtu for IPv4 and, when the MTU allows IPv6 (1280) and the interface has it, IPv6.</summary>
    public override void SetMtu(int interfaceIndex, int mtu)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(mtu, 576);
        NetLuid luid = IpHelperApi.LuidOf(interfaceIndex);
        SetFamilyMtu(luid, FamilyInet, mtu, required: true);
        if (mtu >= MinimumIpv6Mtu)
        {
            SetFamilyMtu(luid, FamilyInet6, mtu, required: false);
        }
    }

    internal override int Apply(ConfiguredEntry entry, bool add)
    {
        // Windows routes by destination alone: it has no rules, no tables besides the one, and a route's
        // source is the interface's.
        if (entry.Rule is not null || entry.Route is { Table: not 0 } or { PreferredSource: not null })
        {
            return IpHelperApi.ErrorNotSupported;
        }

        if (entry.Route is { } route)
        {
            IpForwardRow2 row;
            IpHelperApi.InitializeIpForwardEntry(&row);
            IpHelperRows.Fill(ref row, route, IpHelperApi.LuidOf(route.InterfaceIndex));
            return add ? IpHelperApi.CreateIpForwardEntry2(&row) : IpHelperApi.DeleteIpForwardEntry2(&row);
        }

        InterfaceAddress address = entry.Address!;
        UnicastIpAddressRow addressRow;
        IpHelperApi.InitializeUnicastIpAddressEntry(&addressRow);
        IpHelperRows.Fill(ref addressRow, address, IpHelperApi.LuidOf(address.InterfaceIndex));
        return add ? IpHelperApi.CreateUnicastIpAddressEntry(&addressRow) : IpHelperApi.DeleteUnicastIpAddressEntry(&addressRow);
    }

    internal override bool IsAlreadyGone(int error) =>
        error is IpHelperApi.ErrorNotFound or IpHelperApi.ErrorFileNotFound;

    internal override Exception ErrorFor(int error, string operation) =>
        new Win32Exception(error, $"{operation}: {new Win32Exception(error).Message}");

    /// <summary>
    /// Wintun 0.14 removes an adapter only through the handle that created it, which a crashed process
    /// took with it; an adapter still present with the recorded index is reported, not removed.
    /// </summary>
    internal override int RemoveDevice(DeviceRecord device)
    {
        nint adapter = WintunApi.WintunOpenAdapter(device.Name);
        if (adapter == 0)
        {
            return IpHelperApi.ErrorFileNotFound;
        }

        NetLuid luid;
        WintunApi.WintunGetAdapterLUID(adapter, &luid);
        WintunApi.WintunCloseAdapter(adapter);
        uint index;
        return IpHelperApi.ConvertInterfaceLuidToIndex(&luid, &index) == 0 && index == device.InterfaceIndex
            ? IpHelperApi.ErrorObjectAlreadyExists
            : IpHelperApi.ErrorFileNotFound;
    }

    private static void SetFamilyMtu(NetLuid luid, ushort family, int mtu, bool required)
    {
        IpInterfaceRow row;
        IpHelperApi.InitializeIpInterfaceEntry(&row);
        row.Family = family;
        row.InterfaceLuid = luid;
        int error = IpHelperApi.GetIpInterfaceEntry(&row);
        if (error == IpHelperApi.ErrorNotFound && !required)
        {
            return;
        }

        IpHelperApi.ThrowIfFailed(error, $"read the {(family == FamilyInet ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6)} interface");
        row.NlMtu = (uint)mtu;
        // SetIpInterfaceEntry refuses an IPv4 row whose SitePrefixLength is not 0, which Get may return.
        if (family == FamilyInet)
        {
            row.SitePrefixLength = 0;
        }

        IpHelperApi.ThrowIfFailed(IpHelperApi.SetIpInterfaceEntry(&row), "set MTU");
    }
}
