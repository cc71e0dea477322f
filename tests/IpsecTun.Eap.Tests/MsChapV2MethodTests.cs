using System.Buffers.Binary;
using IpsecTun.Crypto;
using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Tests;

public class MsChapV2MethodTests
{
    private static readonly byte[] AuthenticatorChallenge = Convert.FromHexString("5B5D7C7D7B3F2F3E3C2C602132262628");
    private static readonly byte[] PeerChallenge = Convert.FromHexString("21402324255E262A28295F2B3A337C7E");

    [Fact]
    public void The_right_password_authenticates_both_sides_with_the_same_msk()
    {
        using var conversation = new EapConversation([EapType.MsChapV2], [EapType.MsChapV2]);
        conversation.Run();

        Assert.Equal(EapOutcomeKind.Succeeded, conversation.ServerOutcome!.Kind);
        Assert.Equal(EapOutcomeKind.Succeeded, conversation.PeerOutcome!.Kind);
        var serverKeys = conversation.ServerOutcome.Keys!;
        var peerKeys = conversation.PeerOutcome.Keys!;
        Assert.Equal(64, serverKeys.Msk.Length);
        Assert.Equal(serverKeys.Msk.ToArray(), peerKeys.Msk.ToArray());
        Assert.NotEqual(new byte[32], serverKeys.Msk[..32].ToArray());
    }

    [Fact]
    public void A_wrong_password_fails_on_both_sides_with_error_691()
    {
        using var conversation = new EapConversation([EapType.MsChapV2], [EapType.MsChapV2], peerPassword: "wrong");
        conversation.Run();

        Assert.Equal(EapOutcomeKind.Failed, conversation.ServerOutcome!.Kind);
        Assert.Equal("MS-CHAPv2 NT-Response does not match the password", conversation.ServerOutcome.Reason);
        Assert.Equal(EapCode.Failure, conversation.ServerOutcome.Packet!.Code);
        Assert.Equal(EapOutcomeKind.Failed, conversation.PeerOutcome!.Kind);
        Assert.Equal("the server rejected the credentials (E=691)", conversation.PeerOutcome.Reason);
        Assert.Null(conversation.PeerOutcome.Keys);
    }

    [Fact]
    public void The_peer_reproduces_the_rfc_2759_example_and_exports_the_msk()
    {
        using var credentials = new EapCredentials("User", "clientPass");
        using var peer = new EapPeer(credentials, [EapType.MsChapV2], new FixedRandomSource(PeerChallenge));

        var response = peer.Process(EapPacket.Request(1, EapType.MsChapV2, Challenge(msChapId: 9)));

        var data = response.Packet!.TypeData;
        Assert.Equal(2, data[0]);
        Assert.Equal(9, data[1]);
        Assert.Equal(data.Length, BinaryPrimitives.ReadUInt16BigEndian(data[2..]));
        Assert.Equal(49, data[4]);
        Assert.Equal(PeerChallenge, data.Slice(5, 16).ToArray());
        Assert.Equal("82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF", Convert.ToHexString(data.Slice(29, 24)));
        Assert.Equal("User"u8.ToArray(), data[54..].ToArray());

        var ack = peer.Process(EapPacket.Request(2, EapType.MsChapV2, Message(3, "S=407A5589115FD0D6209F510FE9C04566932CDA56 M=hello")));
        Assert.Equal(new byte[] { 3 }, ack.Packet!.TypeData.ToArray());

        var success = peer.Process(EapPacket.Success(2));
        Assert.Equal(EapOutcomeKind.Succeeded, success.Kind);
        using var keys = success.Keys!;
        Assert.Equal("D5F0E9521E3EA9589645E86051C82226", Convert.ToHexString(keys.Msk[..16]));
        Assert.Equal("8B7CDC149B993A1BA118CB153F56DCCB", Convert.ToHexString(keys.Msk.Slice(16, 16)));
    }

    [Theory]
    [InlineData("S=407A5589115FD0D6209F510FE9C04566932CDA57")]
    [InlineData("S=407A5589115FD0D6209F510FE9C04566932CDA5")]
    [InlineData("S=407A5589115FD0D6209F510FE9C04566932CDA56X")]
    [InlineData("S=ZZ7A5589115FD0D6209F510FE9C04566932CDA56")]
    [InlineData("M=welcome")]
    public void A_server_that_cannot_prove_the_password_is_refused(string message)
    {
        using var credentials = new EapCredentials("User", "clientPass");
        using var peer = new EapPeer(credentials, [EapType.MsChapV2], new FixedRandomSource(PeerChallenge));
        peer.Process(EapPacket.Request(1, EapType.MsChapV2, Challenge(msChapId: 1)));

        var outcome = peer.Process(EapPacket.Request(2, EapType.MsChapV2, Message(3, message)));

        Assert.Equal(EapOutcomeKind.Failed, outcome.Kind);
        Assert.Contains("authenticator response is wrong", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(EapOutcomeKind.Discarded, peer.Process(EapPacket.Success(2)).Kind);
    }

    [Fact]
    public void The_server_checks_the_rfc_2759_nt_response_and_answers_with_the_authenticator_response()
    {
        using var server = new EapServer(
            [EapType.MsChapV2], _ => new EapCredentials("User", "clientPass"), new FixedRandomSource(AuthenticatorChallenge));
        var identityRequest = server.Start().Packet!;
        var challenge = server.Process(EapPacket.Response(identityRequest.Identifier, EapType.Identity, "User"u8)).Packet!;
        Assert.Equal(AuthenticatorChallenge, challenge.TypeData.Slice(5, 16).ToArray());

        byte[] value = [49, .. PeerChallenge, .. new byte[8], .. Convert.FromHexString("82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF"), 0, .. "User"u8];
        var success = server.Process(EapPacket.Response(challenge.Identifier, EapType.MsChapV2, Framed(2, challenge.TypeData[1], value))).Packet!;

        Assert.Equal("S=407A5589115FD0D6209F510FE9C04566932CDA56 M=Welcome", System.Text.Encoding.ASCII.GetString(success.TypeData[4..]));
        var done = server.Process(EapPacket.Response(success.Identifier, EapType.MsChapV2, [3]));
        Assert.Equal(EapOutcomeKind.Succeeded, done.Kind);
        using var keys = done.Keys!;
        Assert.Equal("D5F0E9521E3EA9589645E86051C82226", Convert.ToHexString(keys.Msk[..16]));
    }

    [Theory]
    [InlineData(new byte[] { 1, 1, 0, 21, 16 })] // MS-Length larger than the data
    [InlineData(new byte[] { 1, 1, 0, 4 })] // no Value-Size
    [InlineData(new byte[] { 1, 1, 0, 5, 8 })] // wrong Value-Size
    [InlineData(new byte[] { 1, 1 })]
    [InlineData(new byte[] { 3, 1, 0, 4 })] // Success before a challenge
    public void Malformed_requests_are_discarded(byte[] typeData)
    {
        using var credentials = new EapCredentials("User", "clientPass");
        using var peer = new EapPeer(credentials, [EapType.MsChapV2], RandomSource.System);

        Assert.Equal(EapOutcomeKind.Discarded, peer.Process(EapPacket.Request(1, EapType.MsChapV2, typeData)).Kind);
    }

    [Fact]
    public void A_response_with_another_ms_chap_id_is_discarded()
    {
        using var server = new EapServer([EapType.MsChapV2], EapConversation.LookUp, RandomSource.System);
        var identityRequest = server.Start().Packet!;
        var challenge = server.Process(EapPacket.Response(identityRequest.Identifier, EapType.Identity, "alice"u8)).Packet!;
        byte[] value = [49, .. new byte[48], 0];

        var outcome = server.Process(EapPacket.Response(challenge.Identifier, EapType.MsChapV2, Framed(2, (byte)(challenge.TypeData[1] + 1), value)));

        Assert.Equal(EapOutcomeKind.Discarded, outcome.Kind);
    }

    private static byte[] Challenge(byte msChapId) => Framed(1, msChapId, [16, .. AuthenticatorChallenge, .. "server"u8]);

    private static byte[] Message(byte opCode, string message) => Framed(opCode, 1, System.Text.Encoding.ASCII.GetBytes(message));

    private static byte[] Framed(byte opCode, byte msChapId, byte[] payload)
    {
        byte[] data = [opCode, msChapId, 0, 0, .. payload];
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(2), (ushort)data.Length);
        return data;
    }
}
