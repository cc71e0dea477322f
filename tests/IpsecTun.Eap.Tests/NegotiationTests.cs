using IpsecTun.Crypto;
using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Tests;

public class NegotiationTests
{
    [Fact]
    public void A_peer_without_the_proposed_method_naks_and_the_server_moves_to_one_it_listed()
    {
        using var conversation = new EapConversation([EapType.Gtc], [EapType.Md5Challenge, EapType.Gtc]);
        conversation.Run();

        Assert.Equal(EapOutcomeKind.Succeeded, conversation.ServerOutcome!.Kind);
        Assert.Equal(EapOutcomeKind.Succeeded, conversation.PeerOutcome!.Kind);
        var nak = Assert.Single(conversation.Packets, packet => packet.Type == EapType.Nak);
        Assert.Equal(new byte[] { (byte)EapType.Gtc }, nak.TypeData.ToArray());
    }

    [Fact]
    public void The_nak_lists_the_peer_methods_in_configured_order()
    {
        using var credentials = new EapCredentials("alice", "pw");
        using var peer = new EapPeer(credentials, [EapType.Gtc, EapType.Md5Challenge], RandomSource.System);

        var outcome = peer.Process(EapPacket.Request(1, EapType.Tls, [0x20]));

        Assert.Equal(EapType.Nak, outcome.Packet!.Type);
        Assert.Equal(new byte[] { (byte)EapType.Gtc, (byte)EapType.Md5Challenge }, outcome.Packet.TypeData.ToArray());
    }

    [Fact]
    public void The_server_picks_the_first_of_its_own_methods_that_the_nak_lists()
    {
        using var server = new EapServer([EapType.Gtc, EapType.Md5Challenge], EapConversation.LookUp, RandomSource.System);
        var identityRequest = server.Start().Packet!;
        var methodRequest = server.Process(EapPacket.Response(identityRequest.Identifier, EapType.Identity, "alice"u8)).Packet!;
        Assert.Equal(EapType.Gtc, methodRequest.Type);

        var next = server.Process(EapPacket.Response(methodRequest.Identifier, EapType.Nak, [(byte)EapType.MsChapV2, (byte)EapType.Md5Challenge]));

        Assert.Equal(EapType.Md5Challenge, next.Packet!.Type);
    }

    [Fact]
    public void No_method_in_common_fails_on_both_sides()
    {
        using var conversation = new EapConversation([EapType.Gtc], [EapType.Md5Challenge]);
        conversation.Run();

        Assert.Equal(EapOutcomeKind.Failed, conversation.ServerOutcome!.Kind);
        Assert.Equal("no EAP method in common with the peer", conversation.ServerOutcome.Reason);
        Assert.Equal(EapOutcomeKind.Failed, conversation.PeerOutcome!.Kind);
    }

    [Fact]
    public void A_nak_after_the_method_has_answered_is_discarded()
    {
        using var server = new EapServer([EapType.Md5Challenge, EapType.Gtc], EapConversation.LookUp, RandomSource.System);
        var identityRequest = server.Start().Packet!;
        var challenge = server.Process(EapPacket.Response(identityRequest.Identifier, EapType.Identity, "alice"u8)).Packet!;
        var failure = server.Process(EapPacket.Response(challenge.Identifier, EapType.Md5Challenge, [16, .. new byte[16]]));
        Assert.Equal(EapOutcomeKind.Failed, failure.Kind);

        var late = server.Process(EapPacket.Response(challenge.Identifier, EapType.Nak, [(byte)EapType.Gtc]));

        Assert.Equal(EapOutcomeKind.Discarded, late.Kind);
    }
}
