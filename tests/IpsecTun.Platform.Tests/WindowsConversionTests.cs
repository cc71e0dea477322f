using System.Net;
using System.Runtime.InteropServices;
using IpsecTun.Platform.Windows;

namespace IpsecTun.Platform.Tests;

/// <summary>What the Windows configurator and route lookup put into IP Helper rows and read back, byte by byte.</summary>
public sealed class WindowsConversionTests
{
    [Fact]
    public void An_IPv4_socket_address_is_family_2_then_the_address_in_network_order_at_offset_4()
    {
        byte[] bytes = Bytes(SocketAddressInet.From(IPAddress.Parse("192.0.2.10")));

        Assert.Equal(new byte[] { 2, 0, 0, 0, 192, 0, 2, 10 }, bytes[..8]);
        Assert.All(bytes[8..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void An_IPv6_socket_address_is_family_23_then_the_address_at_offset_8_and_the_scope_at_24()
    {
        var address = IPAddress.Parse("fe80::1%7");
        byte[] bytes = Bytes(SocketAddressInet.From(address));

        Assert.Equal(new byte[] { 23, 0 }, bytes[..2]);
        Assert.Equal(address.GetAddressBytes(), bytes[8..24]);
        Assert.Equal(new byte[] { 7, 0, 0, 0 }, bytes[24..28]);
    }

    [Theory]
    [InlineData("192.0.2.10")]
    [InlineData("2001:db8::5")]
    [InlineData("0.0.0.0")]
    public void A_socket_address_reads_back_as_the_address_it_was_made_from(string text)
    {
        var address = IPAddress.Parse(text);
        Assert.Equal(address, SocketAddressInet.From(address).ToIPAddress());
    }

    [Fact]
    public void An_unknown_family_reads_as_no_address() =>
        Assert.Null(new SocketAddressInet { Family = 17 }.ToIPAddress());

    [Fact]
    public void A_gateway_route_fills_the_key_the_next_hop_and_the_metric()
    {
        var route = new RouteEntry(IPAddress.Parse("198.51.100.7"), 32, 12, IPAddress.Parse("10.99.0.2"), 7);
        var row = default(IpForwardRow2);

        IpHelperRows.Fill(ref row, route, new NetLuid { Value = 0x0006_0000_0100_0000 });

        Assert.Equal(0x0006_0000_0100_0000UL, row.InterfaceLuid.Value);
        Assert.Equal(12u, row.InterfaceIndex);
        Assert.Equal(IPAddress.Parse("198.51.100.7"), row.DestinationPrefix.Prefix.ToIPAddress());
        Assert.Equal(32, row.DestinationPrefix.PrefixLength);
        Assert.Equal(IPAddress.Parse("10.99.0.2"), row.NextHop.ToIPAddress());
        Assert.Equal(7u, row.Metric);
        Assert.Equal(3, row.Protocol); // MIB_IPPROTO_NETMGMT
    }

    [Fact]
    public void An_on_link_IPv6_route_has_the_unspecified_next_hop_of_its_family()
    {
        var row = default(IpForwardRow2);
        IpHelperRows.Fill(ref row, new RouteEntry(IPAddress.Parse("fd78::"), 64, 3), default);

        Assert.Equal(SocketAddressInet.FamilyInet6, row.NextHop.Family);
        Assert.True(row.NextHop.IsUnspecified);
    }

    [Fact]
    public void An_address_row_carries_the_on_link_prefix_and_skips_duplicate_address_detection()
    {
        var row = default(UnicastIpAddressRow);
        IpHelperRows.Fill(ref row, new InterfaceAddress(5, IPAddress.Parse("10.77.0.1"), 24), new NetLuid { Value = 42 });

        Assert.Equal(IPAddress.Parse("10.77.0.1"), row.Address.ToIPAddress());
        Assert.Equal(24, row.OnLinkPrefixLength);
        Assert.Equal(42UL, row.InterfaceLuid.Value);
        Assert.Equal(4, row.DadState); // IpDadStatePreferred
    }

    [Fact]
    public void A_best_route_through_a_gateway_becomes_a_path_with_gateway_and_source()
    {
        var best = new IpForwardRow2 { InterfaceIndex = 9, NextHop = SocketAddressInet.From(IPAddress.Parse("10.99.0.2")) };
        RoutePath path = IpHelperRows.ToRoutePath(best, SocketAddressInet.From(IPAddress.Parse("10.99.0.1")));

        Assert.Equal(new RoutePath(9, IPAddress.Parse("10.99.0.2"), IPAddress.Parse("10.99.0.1")), path);
    }

    [Fact]
    public void An_on_link_best_route_has_no_gateway()
    {
        var best = new IpForwardRow2 { InterfaceIndex = 9, NextHop = SocketAddressInet.Unspecified(System.Net.Sockets.AddressFamily.InterNetwork) };
        Assert.Null(IpHelperRows.ToRoutePath(best, default).Gateway);
    }

    [Theory]
    [InlineData(0x20000, true)]
    [InlineData(0x4000000, true)]
    [InlineData(0x400000, true)]
    [InlineData(0x10000, false)]
    [InlineData(0x8000000, false)]
    [InlineData(0x300000, false)]
    public void A_ring_capacity_is_a_power_of_two_from_128_KiB_to_64_MiB(int capacity, bool valid) =>
        Assert.Equal(valid, WintunRing.IsValidCapacity(capacity));

    [Fact]
    public void The_driver_version_has_its_major_in_the_high_half() =>
        Assert.Equal(new Version(0, 14), WintunRing.DriverVersion(0x0000_000E));

    private static byte[] Bytes(SocketAddressInet address)
    {
        byte[] bytes = new byte[Marshal.SizeOf<SocketAddressInet>()];
        MemoryMarshal.Write(bytes, in address);
        return bytes;
    }
}
