using IpsecTun.Crypto;
using IpsecTun.Eap.Packets;
using IpsecTun.Eap.Radius;

namespace IpsecTun.Eap.Tests;

public sealed class RadiusEapRelayTests : IDisposable
{
    private static readonly byte[] Secret = "radius-secret"u8.ToArray();
    private readonly RadiusClientCodec _codec = new(Secret);

    public void Dispose() => _codec.Dispose();

    [Fact]
    public void A_peer_authenticates_through_the_relay_and_both_ends_hold_the_same_msk()
    {
        using var credentials = new EapCredentials(EapConversation.UserName, EapConversation.UserPassword);
        using var peer = new EapPeer(credentials, [EapType.MsChapV2], RandomSource.System);
        using var radius = new FakeRadiusEapServer(Secret, EapType.MsChapV2);
        var relay = new RadiusEapRelay(_codec, [new RadiusAttribute(RadiusAttributeType.NasIdentifier, "gw"u8)], RandomSource.System);

        var (peerOutcome, relayOutcome) = Run(peer, radius, relay);

        Assert.Equal(EapOutcomeKind.Succeeded, relayOutcome.Kind);
        Assert.Equal(EapCode.Success, relayOutcome.Packet!.Code);
        Assert.Equal(EapOutcomeKind.Succeeded, peerOutcome.Kind);
        using var relayKeys = relayOutcome.Keys!;
        using var peerKeys = peerOutcome.Keys!;
        Assert.Equal(peerKeys.Msk.ToArray(), relayKeys.Msk.ToArray());
        Assert.Equal(new byte[] { 10, 0, 0, 7 }, relay.Accept!.Attributes.Single(a => a.Type == RadiusAttributeType.FramedIpAddress).Value.ToArray());
        Assert.All(radius.Requests, request => Assert.Equal("alice"u8.ToArray(), request.Attributes.Single(a => a.Type == RadiusAttributeType.UserName).Value.ToArray()));
        Assert.Equal(radius.Requests.Count, radius.Requests.Select(r => r.Identifier).Distinct().Count());
    }

    [Fact]
    public void A_wrong_password_ends_in_an_access_reject_and_eap_failure()
    {
        using var credentials = new EapCredentials(EapConversation.UserName, "wrong");
        using var peer = new EapPeer(credentials, [EapType.MsChapV2], RandomSource.System);
        using var radius = new FakeRadiusEapServer(Secret, EapType.MsChapV2);
        var relay = new RadiusEapRelay(_codec, [], RandomSource.System);

        var (peerOutcome, relayOutcome) = Run(peer, radius, relay);

        Assert.Equal(EapOutcomeKind.Failed, relayOutcome.Kind);
        Assert.Equal(EapCode.Failure, relayOutcome.Packet!.Code);
        Assert.Equal(EapOutcomeKind.Failed, peerOutcome.Kind);
        Assert.Null(relay.Accept);
    }

    [Fact]
    public void A_forged_answer_is_discarded_and_the_genuine_one_still_accepted()
    {
        using var radius = new FakeRadiusEapServer(Secret, EapType.Gtc);
        var identityRequest = radius.Eap.Start().Packet!;
        var relay = new RadiusEapRelay(_codec, [], RandomSource.System);
        byte[] datagram = relay.Forward(EapPacket.Response(identityRequest.Identifier, EapType.Identity, "alice"u8));
        byte[] genuine = radius.Handle(datagram);
        byte[] forged = (byte[])genuine.Clone();
        forged[^1] ^= 0xFF;

        Assert.Equal(EapOutcomeKind.Discarded, relay.OnResponse(forged).Kind);
        Assert.NotNull(relay.PendingRequest);
        var outcome = relay.OnResponse(genuine);
        Assert.Equal(EapOutcomeKind.Send, outcome.Kind);
        Assert.Equal(EapType.Gtc, outcome.Packet!.Type);
        Assert.Equal(EapOutcomeKind.Discarded, relay.OnResponse(genuine).Kind);
    }

    private static (EapOutcome Peer, EapOutcome Relay) Run(EapPeer peer, FakeRadiusEapServer radius, RadiusEapRelay relay)
    {
        var toPeer = radius.Eap.Start().Packet!;
        for (int round = 0; round < 20; round++)
        {
            var peerOutcome = peer.Process(toPeer.ToArray());
            Assert.Equal(EapOutcomeKind.Send, peerOutcome.Kind);
            var relayOutcome = relay.OnResponse(radius.Handle(relay.Forward(peerOutcome.Packet!)));
            if (relayOutcome.Kind != EapOutcomeKind.Send)
            {
                return (peer.Process(relayOutcome.Packet!.ToArray()), relayOutcome);
            }

            toPeer = relayOutcome.Packet!;
        }

        throw new InvalidOperationException("The conversation did not end.");
    }
}
