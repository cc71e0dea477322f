using System.Net;
using System.Net.Sockets;
using IpsecTun.Core;
using IpsecTun.Platform.Sockets;

namespace IpsecTun.Platform.Tests.Sockets;

/// <summary>NetworkEndpoint in and out of a reusable SocketAddress, checked against .NET's own encoding.</summary>
public sealed class ManagedSocketAddressTests
{
    [Theory]
    [InlineData("192.0.2.17", 4500)]
    [InlineData("2001:db8::42", 500)]
    public void What_is_written_in_place_is_what_dotnet_serializes_for_the_endpoint(string address, int port)
    {
        var endpoint = new IPEndPoint(IPAddress.Parse(address), port);
        NetworkEndpoint value = NetworkEndpoint.From(endpoint);
        SocketAddress reused = ManagedSocketAddress.Create(value.Version);
        // Something left from an earlier datagram must be overwritten, not kept.
        Assert.True(ManagedSocketAddress.TryWrite(new NetworkEndpoint(value.Version, UInt128.MaxValue, 65535), reused));

        Assert.True(ManagedSocketAddress.TryWrite(value, reused));

        Assert.Equal(endpoint.Serialize().Buffer.Span[..reused.Size].ToArray(), reused.Buffer.Span[..reused.Size].ToArray());
    }

    [Theory]
    [InlineData("198.51.100.9", 65535)]
    [InlineData("fe80::1", 4500)]
    public void A_received_address_reads_back_as_the_endpoint(string address, int port)
    {
        var endpoint = new IPEndPoint(IPAddress.Parse(address), port);

        Assert.True(ManagedSocketAddress.TryRead(endpoint.Serialize(), out NetworkEndpoint read));

        Assert.Equal(NetworkEndpoint.From(endpoint), read);
    }

    [Fact]
    public void An_endpoint_of_the_other_family_is_not_written()
    {
        SocketAddress ipv4 = ManagedSocketAddress.Create(4);
        var ipv6 = new NetworkEndpoint(6, IpAddressBits.FromIPAddress(IPAddress.IPv6Loopback), 500);

        Assert.False(ManagedSocketAddress.TryWrite(ipv6, ipv4));
        Assert.False(ManagedSocketAddress.TryWrite(new NetworkEndpoint(4, 1, 500), ManagedSocketAddress.Create(6)));
    }

    [Fact]
    public void A_short_or_foreign_address_is_not_read()
    {
        var shortened = new SocketAddress(AddressFamily.InterNetworkV6) { Size = 20 };
        var unix = new SocketAddress(AddressFamily.Unix, 16);

        Assert.False(ManagedSocketAddress.TryRead(shortened, out _));
        Assert.False(ManagedSocketAddress.TryRead(unix, out _));
    }
}
