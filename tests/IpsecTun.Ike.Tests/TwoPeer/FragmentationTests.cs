using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;

namespace IpsecTun.Ike.Tests.TwoPeer;

public sealed class FragmentationTests
{
    [Fact]
    public void With_fragmentation_agreed_large_protected_messages_travel_as_skf_fragments()
    {
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.CbcSha256Modp2048, Suites.EspCbcSha256) with { FragmentSize = 160 },
            TwoPeers.ResponderSettings(Suites.CbcSha256Modp2048, Suites.EspCbcSha256) with { FragmentSize = 160 });

        IkeSaOutput initResponse = peers.ToResponder(peers.Initiator.Start());
        Assert.Contains(Wire.Parse(initResponse.Datagrams[0].Data.Span).Payloads, p => p is NotifyPayload { NotifyType: NotifyType.Ikev2FragmentationSupported });
        IkeSaOutput authRequest = peers.ToInitiator(initResponse);

        Assert.True(authRequest.Datagrams.Count > 1);
        Assert.All(authRequest.Datagrams, d => Assert.True(d.Data.Length <= 160));
        Assert.All(authRequest.Datagrams, d => Assert.NotNull(Wire.Parse(d.Data.Span).Fragment));

        IkeSaOutput authResponse = peers.ToResponder(authRequest);
        Assert.Equal(IkeSaState.Established, peers.Responder.State);
        Assert.True(authResponse.Datagrams.Count > 1);
        peers.ToInitiator(authResponse);
        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        Assert.Equal(peers.InitiatorHost.Installed[0].OutboundEncryptionKey.ToArray(), peers.ResponderHost.Installed[0].InboundEncryptionKey.ToArray());
    }

    [Fact]
    public void Without_the_peer_announcing_support_messages_are_not_fragmented()
    {
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.CbcSha256Modp2048, Suites.EspCbcSha256) with { FragmentSize = 160 },
            TwoPeers.ResponderSettings(Suites.CbcSha256Modp2048, Suites.EspCbcSha256));

        IkeSaOutput initResponse = peers.ToResponder(peers.Initiator.Start());
        Assert.DoesNotContain(Wire.Parse(initResponse.Datagrams[0].Data.Span).Payloads, p => p is NotifyPayload { NotifyType: NotifyType.Ikev2FragmentationSupported });

        OutboundDatagram auth = Assert.Single(peers.ToInitiator(initResponse).Datagrams);
        Assert.True(auth.Data.Length > 160);
        Assert.NotNull(Wire.Parse(auth.Data.Span).Encrypted);
    }
}
