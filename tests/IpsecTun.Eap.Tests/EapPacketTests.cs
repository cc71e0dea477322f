using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Tests;

public class EapPacketTests
{
    [Fact]
    public void A_request_round_trips_through_the_wire_format()
    {
        var packet = EapPacket.Request(7, EapType.Md5Challenge, [1, 2, 3]);
        byte[] wire = packet.ToArray();

        Assert.Equal(new byte[] { 1, 7, 0, 8, 4, 1, 2, 3 }, wire);
        Assert.True(EapPacket.TryParse(wire, out var parsed, out int consumed));
        Assert.Equal(8, consumed);
        Assert.Equal(EapCode.Request, parsed!.Code);
        Assert.Equal(7, parsed.Identifier);
        Assert.Equal(EapType.Md5Challenge, parsed.Type);
        Assert.Equal(new byte[] { 1, 2, 3 }, parsed.TypeData.ToArray());
    }

    [Fact]
    public void Success_and_failure_are_four_bytes_without_a_type()
    {
        Assert.Equal(new byte[] { 3, 9, 0, 4 }, EapPacket.Success(9).ToArray());
        Assert.Equal(new byte[] { 4, 9, 0, 4 }, EapPacket.Failure(9).ToArray());
        Assert.True(EapPacket.TryParse([3, 9, 0, 4], out var success, out _));
        Assert.Equal(EapCode.Success, success!.Code);
        Assert.False(success.HasType);
    }

    [Fact]
    public void Octets_after_the_length_are_padding_and_not_consumed()
    {
        Assert.True(EapPacket.TryParse([2, 1, 0, 6, 1, 0x41, 0xEE, 0xEE], out var packet, out int consumed));
        Assert.Equal(6, consumed);
        Assert.Equal(new byte[] { 0x41 }, packet!.TypeData.ToArray());
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 1, 1, 0 })]
    [InlineData(new byte[] { 1, 1, 0, 9, 1, 0 })] // Length beyond the buffer
    [InlineData(new byte[] { 1, 1, 0, 3, 1 })] // Length below the header
    [InlineData(new byte[] { 1, 1, 0, 4 })] // Request without a Type
    [InlineData(new byte[] { 3, 1, 0, 5, 1 })] // Success with data
    [InlineData(new byte[] { 4, 1, 0, 5, 1 })] // Failure with data
    [InlineData(new byte[] { 5, 1, 0, 4 })] // RFC 6696 Initiate
    [InlineData(new byte[] { 0, 1, 0, 4 })]
    [InlineData(new byte[] { 1, 1, 0, 5, 0 })] // reserved type 0
    [InlineData(new byte[] { 1, 1, 0, 13, 254, 0, 0, 0, 0, 0, 0, 0, 1 })] // expanded type
    public void Malformed_or_unsupported_packets_are_refused(byte[] wire)
    {
        Assert.False(EapPacket.TryParse(wire, out var packet, out int consumed));
        Assert.Null(packet);
        Assert.Equal(0, consumed);
    }

    [Fact]
    public void Every_truncation_of_a_valid_packet_is_refused_without_throwing()
    {
        byte[] wire = EapPacket.Response(3, EapType.Identity, "alice"u8).ToArray();
        for (int length = 0; length < wire.Length; length++)
        {
            Assert.False(EapPacket.TryParse(wire.AsSpan(0, length), out _, out _));
        }
    }

    [Fact]
    public void Expanded_types_cannot_be_built()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EapPacket.Request(1, EapType.Expanded, []));
    }

    [Fact]
    public void ToString_does_not_show_the_type_data()
    {
        var packet = EapPacket.Response(1, EapType.Gtc, "secret"u8);
        Assert.DoesNotContain("secret", packet.ToString(), StringComparison.Ordinal);
    }
}
