using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Tests;

public class PasswordMethodTests
{
    [Theory]
    [InlineData(EapType.Md5Challenge)]
    [InlineData(EapType.Gtc)]
    public void The_right_password_authenticates_on_both_sides(EapType method)
    {
        using var conversation = new EapConversation([method], [method]);
        conversation.Run();

        Assert.Equal(EapOutcomeKind.Succeeded, conversation.ServerOutcome!.Kind);
        Assert.Equal(EapCode.Success, conversation.ServerOutcome.Packet!.Code);
        Assert.Equal(EapOutcomeKind.Succeeded, conversation.PeerOutcome!.Kind);
        Assert.Equal(EapConversation.UserName, conversation.Server.Identity);
        Assert.Equal(
            [EapType.Identity, EapType.Identity, method, method],
            conversation.Packets.Where(packet => packet.HasType).Select(packet => packet.Type));
    }

    [Theory]
    [InlineData(EapType.Md5Challenge)]
    [InlineData(EapType.Gtc)]
    public void A_wrong_password_fails_on_both_sides(EapType method)
    {
        using var conversation = new EapConversation([method], [method], peerPassword: "wrong");
        conversation.Run();

        Assert.Equal(EapOutcomeKind.Failed, conversation.ServerOutcome!.Kind);
        Assert.Equal(EapCode.Failure, conversation.ServerOutcome.Packet!.Code);
        Assert.Contains("password", conversation.ServerOutcome.Reason, StringComparison.Ordinal);
        Assert.Equal(EapOutcomeKind.Failed, conversation.PeerOutcome!.Kind);
    }

    [Theory]
    [InlineData(EapType.Md5Challenge)]
    [InlineData(EapType.Gtc)]
    [InlineData(EapType.MsChapV2)]
    public void An_unknown_identity_runs_the_method_and_fails_like_a_wrong_password(EapType method)
    {
        using var unknown = new EapConversation([method], [method], peerIdentity: "mallory");
        unknown.Run();
        using var wrongPassword = new EapConversation([method], [method], peerPassword: "wrong");
        wrongPassword.Run();

        Assert.Equal(EapOutcomeKind.Failed, unknown.ServerOutcome!.Kind);
        Assert.Equal("unknown EAP identity", unknown.ServerOutcome.Reason);
        Assert.Equal(EapOutcomeKind.Failed, unknown.PeerOutcome!.Kind);
        Assert.Equal(wrongPassword.PeerOutcome!.Reason, unknown.PeerOutcome.Reason);
        Assert.Equal(
            wrongPassword.Packets.Select(packet => (packet.Code, packet.Type)),
            unknown.Packets.Select(packet => (packet.Code, packet.Type)));
    }

    [Fact]
    public void The_md5_response_is_the_rfc_1994_hash_of_identifier_secret_and_challenge()
    {
        using var credentials = new EapCredentials("alice", "secret");
        using var peer = new EapPeer(credentials, [EapType.Md5Challenge], IpsecTun.Crypto.RandomSource.System);
        byte[] challenge = Convert.FromHexString("00112233445566778899AABBCCDDEEFF");

        var outcome = peer.Process(EapPacket.Request(42, EapType.Md5Challenge, [16, .. challenge, .. "server"u8]));

        // MD5(0x2A | "secret" | challenge), computed independently of the method's code.
#pragma warning disable CA5351
        byte[] expected = System.Security.Cryptography.MD5.HashData([42, .. "secret"u8, .. challenge]);
#pragma warning restore CA5351
        Assert.Equal(EapOutcomeKind.Send, outcome.Kind);
        Assert.Equal([16, .. expected], outcome.Packet!.TypeData.ToArray());
    }
}
