using System.Security.Cryptography;
using IpsecTun.Eap.Packets;
using IpsecTun.Eap.Radius;

#pragma warning disable CA5351 // RADIUS is defined over MD5.

namespace IpsecTun.Eap.Tests;

public sealed class RadiusClientCodecTests : IDisposable
{
    private static readonly byte[] Secret = "xyzzy5461"u8.ToArray();
    private static readonly byte[] RequestAuthenticator = Convert.FromHexString("0F403F9473978057BD83D5CB98F4227A");

    // RFC 2865 §7.1: the Access-Accept answering the example Access-Request (identifier 0) above.
    private static readonly byte[] Rfc2865Accept = Convert.FromHexString(
        "0200002686FE220E7624BA2A1005F6BF9B55E0B2060600000001" + "0F06000000000E06C0A80103");

    private readonly RadiusClientCodec _codec = new(Secret);

    public void Dispose() => _codec.Dispose();

    [Fact]
    public void The_rfc_2865_example_response_is_accepted()
    {
        Assert.True(_codec.TryAcceptResponse(Rfc2865Accept, 0, RequestAuthenticator, out var response, out string? reason), reason);
        Assert.Equal(RadiusCode.AccessAccept, response!.Code);
        Assert.Equal(3, response.Attributes.Count);
    }

    [Fact]
    public void Changing_any_byte_of_a_response_makes_it_rejected()
    {
        for (int i = 0; i < Rfc2865Accept.Length; i++)
        {
            byte[] forged = (byte[])Rfc2865Accept.Clone();
            forged[i] ^= 0x01;
            Assert.False(_codec.TryAcceptResponse(forged, 0, RequestAuthenticator, out var response, out _), $"byte {i}");
            Assert.Null(response);
        }
    }

    [Fact]
    public void A_response_under_another_secret_or_request_is_rejected()
    {
        using var other = new RadiusClientCodec("another secret"u8);
        Assert.False(other.TryAcceptResponse(Rfc2865Accept, 0, RequestAuthenticator, out _, out string? reason));
        Assert.Contains("Response Authenticator", reason, StringComparison.Ordinal);
        Assert.False(_codec.TryAcceptResponse(Rfc2865Accept, 0, new byte[16], out _, out _));
        Assert.False(_codec.TryAcceptResponse(Rfc2865Accept, 1, RequestAuthenticator, out _, out reason));
        Assert.Equal("RADIUS identifier does not match the request", reason);
    }

    [Fact]
    public void Every_truncation_of_a_response_is_rejected_without_throwing()
    {
        for (int length = 0; length < Rfc2865Accept.Length; length++)
        {
            Assert.False(_codec.TryAcceptResponse(Rfc2865Accept.AsSpan(0, length), 0, RequestAuthenticator, out _, out _));
        }
    }

    [Theory]
    [InlineData("0200001300000000000000000000000000000000")] // Length below the header
    [InlineData("0200001500000000000000000000000000000000" + "01")] // attribute header cut
    [InlineData("0200001600000000000000000000000000000000" + "0100")] // attribute length 0
    [InlineData("0200001600000000000000000000000000000000" + "0101")] // attribute length 1
    [InlineData("0200001700000000000000000000000000000000" + "010400")] // attribute overruns the packet
    [InlineData("0210010000000000000000000000000000000000")] // Length above 4096
    public void Malformed_packets_do_not_parse(string hex)
    {
        Assert.False(RadiusPacket.TryParse(Convert.FromHexString(hex), out var packet));
        Assert.Null(packet);
    }

    [Fact]
    public void An_access_request_splits_the_eap_message_and_signs_it()
    {
        var eap = EapPacket.Response(7, EapType.Tls, new byte[600]);
        byte[] wire = _codec.EncodeAccessRequest(9, RequestAuthenticator, [new RadiusAttribute(RadiusAttributeType.UserName, "alice"u8)], eap);

        Assert.True(RadiusPacket.TryParse(wire, out var packet));
        Assert.Equal(RadiusCode.AccessRequest, packet!.Code);
        Assert.Equal(
            [RadiusAttributeType.UserName, RadiusAttributeType.EapMessage, RadiusAttributeType.EapMessage, RadiusAttributeType.EapMessage, RadiusAttributeType.MessageAuthenticator],
            packet.Attributes.Select(a => a.Type));
        Assert.Equal([253, 253, eap.Length - 506], packet.Attributes.Where(a => a.Type == RadiusAttributeType.EapMessage).Select(a => a.Value.Length));
        Assert.True(RadiusClientCodec.TryReadEapMessage(packet, out var carried));
        Assert.Equal(eap.ToArray(), carried!.ToArray());

        byte[] unsigned = (byte[])wire.Clone();
        unsigned.AsSpan(wire.Length - 16).Clear();
        Assert.Equal(HMACMD5.HashData(Secret, unsigned), wire[^16..]);
    }

    [Fact]
    public void A_challenge_carrying_eap_with_a_valid_message_authenticator_is_accepted()
    {
        var eap = EapPacket.Request(3, EapType.MsChapV2, new byte[300]);
        byte[] eapBytes = eap.ToArray();
        byte[] wire = TestRadiusServer.Respond(RadiusCode.AccessChallenge, 5, RequestAuthenticator, Secret,
        [
            new RadiusAttribute(RadiusAttributeType.EapMessage, eapBytes.AsSpan(0, 253)),
            new RadiusAttribute(RadiusAttributeType.EapMessage, eapBytes.AsSpan(253)),
            new RadiusAttribute(RadiusAttributeType.MessageAuthenticator, new byte[16]),
            new RadiusAttribute(RadiusAttributeType.State, "s1"u8),
        ]);

        Assert.True(_codec.TryAcceptResponse(wire, 5, RequestAuthenticator, out var response, out string? reason), reason);
        Assert.True(RadiusClientCodec.TryReadEapMessage(response!, out var carried));
        Assert.Equal(eapBytes, carried!.ToArray());
    }

    [Fact]
    public void Eap_without_a_message_authenticator_is_rejected()
    {
        byte[] wire = TestRadiusServer.Respond(RadiusCode.AccessChallenge, 5, RequestAuthenticator, Secret,
            [new RadiusAttribute(RadiusAttributeType.EapMessage, EapPacket.Request(3, EapType.Gtc, "Password"u8).ToArray())]);

        Assert.False(_codec.TryAcceptResponse(wire, 5, RequestAuthenticator, out _, out string? reason));
        Assert.Equal("RADIUS response carries EAP without a Message-Authenticator", reason);
    }

    [Fact]
    public void A_wrong_message_authenticator_is_rejected_even_with_a_valid_response_authenticator()
    {
        byte[] wire = TestRadiusServer.Respond(RadiusCode.AccessReject, 5, RequestAuthenticator, Secret,
            [new RadiusAttribute(RadiusAttributeType.EapMessage, EapPacket.Failure(3).ToArray()), new RadiusAttribute(RadiusAttributeType.MessageAuthenticator, new byte[16])],
            signMessage: false);

        Assert.False(_codec.TryAcceptResponse(wire, 5, RequestAuthenticator, out _, out string? reason));
        Assert.Equal("RADIUS Message-Authenticator is wrong", reason);
    }

    [Fact]
    public void A_repeated_message_authenticator_is_rejected()
    {
        byte[] wire = TestRadiusServer.Respond(RadiusCode.AccessReject, 5, RequestAuthenticator, Secret,
        [
            new RadiusAttribute(RadiusAttributeType.MessageAuthenticator, new byte[16]),
            new RadiusAttribute(RadiusAttributeType.MessageAuthenticator, new byte[16]),
        ]);

        Assert.False(_codec.TryAcceptResponse(wire, 5, RequestAuthenticator, out _, out string? reason));
        Assert.Equal("RADIUS response has a malformed or repeated Message-Authenticator", reason);
    }

    [Fact]
    public void An_accounting_response_does_not_answer_an_access_request()
    {
        byte[] wire = TestRadiusServer.Respond(RadiusCode.AccountingResponse, 5, RequestAuthenticator, Secret, []);

        Assert.False(_codec.TryAcceptResponse(wire, 5, RequestAuthenticator, out _, out _));
    }

    [Fact]
    public void Eap_messages_with_trailing_bytes_are_refused()
    {
        var packet = new RadiusPacket(RadiusCode.AccessChallenge, 1, new byte[16],
            [new RadiusAttribute(RadiusAttributeType.EapMessage, [.. EapPacket.Success(1).ToArray(), 0])]);

        Assert.False(RadiusClientCodec.TryReadEapMessage(packet, out var eap));
        Assert.Null(eap);
    }

    [Fact]
    public void The_msk_is_the_decrypted_recv_key_then_the_send_key()
    {
        byte[] recv = RandomNumberGenerator.GetBytes(32);
        byte[] send = RandomNumberGenerator.GetBytes(32);
        var accept = Accept(
            TestRadiusServer.MppeKey(17, recv, Secret, RequestAuthenticator),
            TestRadiusServer.MppeKey(16, send, Secret, RequestAuthenticator, salt: 0x8456));

        Assert.True(_codec.TryReadMsk(accept, RequestAuthenticator, out var keys));
        using (keys)
        {
            Assert.Equal([.. recv, .. send], keys!.Msk.ToArray());
        }
    }

    [Fact]
    public void Mppe_keys_that_are_missing_or_malformed_give_no_msk()
    {
        byte[] key = new byte[32];
        var recv = TestRadiusServer.MppeKey(17, key, Secret, RequestAuthenticator);
        var send = TestRadiusServer.MppeKey(16, key, Secret, RequestAuthenticator);

        Assert.False(_codec.TryReadMsk(Accept(recv), RequestAuthenticator, out _));
        Assert.False(_codec.TryReadMsk(Accept(recv, send, send), RequestAuthenticator, out _));
        Assert.False(_codec.TryReadMsk(Accept(recv, TestRadiusServer.MppeKey(16, key, Secret, RequestAuthenticator, salt: 0x0123)), RequestAuthenticator, out _));
        byte[] cut = send.Value[..^1].ToArray();
        Assert.False(_codec.TryReadMsk(Accept(recv, new RadiusAttribute(RadiusAttributeType.VendorSpecific, cut)), RequestAuthenticator, out _));
        Assert.False(_codec.TryReadMsk(Accept(recv, TestRadiusServer.MppeKey(16, [], Secret, RequestAuthenticator)), RequestAuthenticator, out _));
    }

    private static RadiusPacket Accept(params RadiusAttribute[] attributes) =>
        new(RadiusCode.AccessAccept, 1, new byte[16], attributes);
}
