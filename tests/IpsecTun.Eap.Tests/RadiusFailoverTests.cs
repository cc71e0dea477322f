using IpsecTun.Crypto;
using IpsecTun.Eap.Packets;
using IpsecTun.Eap.Radius;

namespace IpsecTun.Eap.Tests;

public class RadiusFailoverTests
{
    [Fact]
    public void Timeouts_retransmit_then_fail_over_then_give_up()
    {
        var retransmission = new RadiusRetransmission(serverCount: 2, attemptsPerServer: 3);

        var actions = Enumerable.Range(0, 6).Select(_ => retransmission.OnTimeout(canFailOver: true)).ToList();

        Assert.Equal(
            [RadiusTimeoutAction.Retransmit, RadiusTimeoutAction.Retransmit, RadiusTimeoutAction.FailOver,
             RadiusTimeoutAction.Retransmit, RadiusTimeoutAction.Retransmit, RadiusTimeoutAction.GiveUp],
            actions);
        Assert.Equal(1, retransmission.ServerIndex);
    }

    [Fact]
    public void Without_failover_the_attempts_end_on_the_same_server_and_an_answer_resets_the_count()
    {
        var retransmission = new RadiusRetransmission(serverCount: 2, attemptsPerServer: 2);
        Assert.Equal(RadiusTimeoutAction.Retransmit, retransmission.OnTimeout(canFailOver: false));
        retransmission.OnAnswer();
        Assert.Equal(RadiusTimeoutAction.Retransmit, retransmission.OnTimeout(canFailOver: false));
        Assert.Equal(RadiusTimeoutAction.GiveUp, retransmission.OnTimeout(canFailOver: false));
        Assert.Equal(0, retransmission.ServerIndex);
    }

    [Fact]
    public void The_first_request_moves_to_a_second_server_under_its_own_secret()
    {
        byte[] secondSecret = "second"u8.ToArray();
        using var first = new RadiusClientCodec("first"u8);
        using var second = new RadiusClientCodec(secondSecret);
        using var radius = new FakeRadiusEapServer(secondSecret, EapType.Gtc);
        var identityRequest = radius.Eap.Start().Packet!;
        var relay = new RadiusEapRelay(first, [], RandomSource.System);
        byte[] toFirst = relay.Forward(EapPacket.Response(identityRequest.Identifier, EapType.Identity, "alice"u8));

        Assert.True(relay.CanFailOver);
        byte[] toSecond = relay.FailOver(second);

        Assert.NotEqual(toFirst[..20], toSecond[..20]);
        var outcome = relay.OnResponse(radius.Handle(toSecond));
        Assert.Equal(EapOutcomeKind.Send, outcome.Kind);
        Assert.Equal(EapType.Gtc, outcome.Packet!.Type);
    }

    [Fact]
    public void After_a_challenge_the_conversation_stays_with_its_server()
    {
        byte[] secret = "only"u8.ToArray();
        using var codec = new RadiusClientCodec(secret);
        using var radius = new FakeRadiusEapServer(secret, EapType.Gtc);
        var identityRequest = radius.Eap.Start().Packet!;
        var relay = new RadiusEapRelay(codec, [], RandomSource.System);
        var prompt = relay.OnResponse(radius.Handle(relay.Forward(EapPacket.Response(identityRequest.Identifier, EapType.Identity, "alice"u8)))).Packet!;

        relay.Forward(EapPacket.Response(prompt.Identifier, EapType.Gtc, "x"u8));

        Assert.False(relay.CanFailOver);
        Assert.Throws<InvalidOperationException>(() => relay.FailOver(codec));
    }
}
