using System.Runtime.InteropServices;
using IpsecTun.Platform.Windows;

namespace IpsecTun.Platform.Tests;

/// <summary>
/// The IP Helper rows against the sizes and offsets of netioapi.h on Windows x64 (the same figures
/// WireGuard's winipcfg checks). Blittable layouts are the same on any 64-bit host, so this runs here.
/// </summary>
public sealed class WindowsLayoutTests
{
    [Fact]
    public void Sizes_match_Windows_x64()
    {
        Assert.Equal(8, Marshal.SizeOf<NetLuid>());
        Assert.Equal(28, Marshal.SizeOf<SocketAddressInet>());
        Assert.Equal(32, Marshal.SizeOf<IpAddressPrefix>());
        Assert.Equal(80, Marshal.SizeOf<UnicastIpAddressRow>());
        Assert.Equal(104, Marshal.SizeOf<IpForwardRow2>());
        Assert.Equal(168, Marshal.SizeOf<IpInterfaceRow>());
        Assert.Equal(136, Marshal.SizeOf<IpPathRow>());
    }

    [Fact]
    public void The_managed_layout_is_the_native_one_so_rows_pass_by_pointer()
    {
        Assert.Equal(Marshal.SizeOf<UnicastIpAddressRow>(), System.Runtime.CompilerServices.Unsafe.SizeOf<UnicastIpAddressRow>());
        Assert.Equal(Marshal.SizeOf<IpForwardRow2>(), System.Runtime.CompilerServices.Unsafe.SizeOf<IpForwardRow2>());
        Assert.Equal(Marshal.SizeOf<IpInterfaceRow>(), System.Runtime.CompilerServices.Unsafe.SizeOf<IpInterfaceRow>());
        Assert.Equal(Marshal.SizeOf<IpPathRow>(), System.Runtime.CompilerServices.Unsafe.SizeOf<IpPathRow>());
    }

    [Theory]
    [InlineData(nameof(SocketAddressInet.Family), 0)]
    [InlineData(nameof(SocketAddressInet.Port), 2)]
    [InlineData(nameof(SocketAddressInet.Ipv4AddressOrFlowInfo), 4)]
    [InlineData(nameof(SocketAddressInet.Ipv6Address), 8)]
    [InlineData(nameof(SocketAddressInet.ScopeId), 24)]
    public void Socket_address_offsets(string field, int offset) =>
        Assert.Equal(offset, (int)Marshal.OffsetOf<SocketAddressInet>(field));

    [Theory]
    [InlineData(nameof(UnicastIpAddressRow.InterfaceLuid), 32)]
    [InlineData(nameof(UnicastIpAddressRow.InterfaceIndex), 40)]
    [InlineData(nameof(UnicastIpAddressRow.PrefixOrigin), 44)]
    [InlineData(nameof(UnicastIpAddressRow.SuffixOrigin), 48)]
    [InlineData(nameof(UnicastIpAddressRow.ValidLifetime), 52)]
    [InlineData(nameof(UnicastIpAddressRow.PreferredLifetime), 56)]
    [InlineData(nameof(UnicastIpAddressRow.OnLinkPrefixLength), 60)]
    [InlineData(nameof(UnicastIpAddressRow.SkipAsSource), 61)]
    [InlineData(nameof(UnicastIpAddressRow.DadState), 64)]
    [InlineData(nameof(UnicastIpAddressRow.ScopeId), 68)]
    [InlineData(nameof(UnicastIpAddressRow.CreationTimeStamp), 72)]
    public void Unicast_address_row_offsets(string field, int offset) =>
        Assert.Equal(offset, (int)Marshal.OffsetOf<UnicastIpAddressRow>(field));

    [Theory]
    [InlineData(nameof(IpForwardRow2.InterfaceIndex), 8)]
    [InlineData(nameof(IpForwardRow2.DestinationPrefix), 12)]
    [InlineData(nameof(IpForwardRow2.NextHop), 44)]
    [InlineData(nameof(IpForwardRow2.SitePrefixLength), 72)]
    [InlineData(nameof(IpForwardRow2.ValidLifetime), 76)]
    [InlineData(nameof(IpForwardRow2.PreferredLifetime), 80)]
    [InlineData(nameof(IpForwardRow2.Metric), 84)]
    [InlineData(nameof(IpForwardRow2.Protocol), 88)]
    [InlineData(nameof(IpForwardRow2.Loopback), 92)]
    [InlineData(nameof(IpForwardRow2.Immortal), 95)]
    [InlineData(nameof(IpForwardRow2.Age), 96)]
    [InlineData(nameof(IpForwardRow2.Origin), 100)]
    public void Forward_row_offsets(string field, int offset) =>
        Assert.Equal(offset, (int)Marshal.OffsetOf<IpForwardRow2>(field));

    [Theory]
    [InlineData(nameof(IpInterfaceRow.InterfaceLuid), 8)]
    [InlineData(nameof(IpInterfaceRow.InterfaceIndex), 16)]
    [InlineData(nameof(IpInterfaceRow.InterfaceIdentifier), 24)]
    [InlineData(nameof(IpInterfaceRow.RouterDiscoveryBehavior), 52)]
    [InlineData(nameof(IpInterfaceRow.ZoneIndices), 80)]
    [InlineData(nameof(IpInterfaceRow.SitePrefixLength), 144)]
    [InlineData(nameof(IpInterfaceRow.NlMtu), 152)]
    [InlineData(nameof(IpInterfaceRow.ReachableTime), 160)]
    [InlineData(nameof(IpInterfaceRow.DisableDefaultRoutes), 166)]
    public void Interface_row_offsets(string field, int offset) =>
        Assert.Equal(offset, (int)Marshal.OffsetOf<IpInterfaceRow>(field));

    /// <summary>
    /// MIB_IPPATH_ROW by the C layout rules: three 28-byte SOCKADDR_INETs aligned to 4, the NET_LUID and the
    /// two ULONG64 speeds aligned to 8 (so 3 bytes of padding after IsReachable).
    /// </summary>
    [Theory]
    [InlineData(nameof(IpPathRow.Source), 0)]
    [InlineData(nameof(IpPathRow.Destination), 28)]
    [InlineData(nameof(IpPathRow.InterfaceLuid), 56)]
    [InlineData(nameof(IpPathRow.InterfaceIndex), 64)]
    [InlineData(nameof(IpPathRow.CurrentNextHop), 68)]
    [InlineData(nameof(IpPathRow.PathMtu), 96)]
    [InlineData(nameof(IpPathRow.RttMean), 100)]
    [InlineData(nameof(IpPathRow.RttDeviation), 104)]
    [InlineData(nameof(IpPathRow.LastReachableOrUnreachable), 108)]
    [InlineData(nameof(IpPathRow.IsReachable), 112)]
    [InlineData(nameof(IpPathRow.LinkTransmitSpeed), 120)]
    [InlineData(nameof(IpPathRow.LinkReceiveSpeed), 128)]
    public void Path_row_offsets(string field, int offset) =>
        Assert.Equal(offset, (int)Marshal.OffsetOf<IpPathRow>(field));

    [Fact]
    public void The_prefix_length_follows_the_28_byte_address() =>
        Assert.Equal(28, (int)Marshal.OffsetOf<IpAddressPrefix>(nameof(IpAddressPrefix.PrefixLength)));
}
