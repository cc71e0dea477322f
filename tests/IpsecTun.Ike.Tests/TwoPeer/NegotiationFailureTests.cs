using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Tests.TwoPeer;

public sealed class NegotiationFailureTests
{
    [Fact]
    public void No_common_ike_proposal_is_answered_with_no_proposal_chosen_and_explained()
    {
        var cbc128 = new IkeProposalSettings([Suites.Aes128Cbc], [PrfAlgorithms.HmacSha2_256], [IntegrityAlgorithms.HmacSha2_256_128], [Suites.Ecp256]);
        using var peers = new TwoPeers(
            TwoPeers.Settings(cbc128, Suites.EspGcm),
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm));

        IkeSaOutput response = peers.ToResponder(peers.Initiator.Start());

        Assert.Equal(IkeSaState.Failed, peers.Responder.State);
        Assert.Contains(response.Events, e => e.Message == "no suitable proposal found");
        Assert.Contains(response.Events, e => e.Message.Contains("proposal #1 (Ike)", StringComparison.Ordinal)
            && e.Message.Contains(Suites.Aes128Cbc.Name + " rejected, expected " + Suites.Aes128Gcm.Name, StringComparison.Ordinal));
        Assert.True(IkeMessage.TryParse(response.Datagrams[0].Data.Span, out IkeMessage? message, out _));
        NotifyPayload notify = Assert.IsType<NotifyPayload>(Assert.Single(message.Payloads));
        Assert.Equal(NotifyType.NoProposalChosen, notify.NotifyType);
        Assert.Equal(0UL, message.Header.ResponderSpi);

        IkeSaOutput end = peers.ToInitiator(response);
        Assert.Equal(IkeSaState.Failed, peers.Initiator.State);
        Assert.Contains(end.Events, e => e.Message.Contains("NoProposalChosen", StringComparison.Ordinal));
    }

    [Fact]
    public void Invalid_ke_payload_makes_the_initiator_retry_with_the_requested_group()
    {
        var initiatorIke = new IkeProposalSettings([Suites.Aes128Gcm], [PrfAlgorithms.HmacSha2_256], [], [Suites.Ecp256, Suites.Modp2048]);
        var responderIke = new IkeProposalSettings([Suites.Aes128Gcm], [PrfAlgorithms.HmacSha2_256], [], [Suites.Modp2048]);
        using var peers = new TwoPeers(
            TwoPeers.Settings(initiatorIke, Suites.EspGcm),
            TwoPeers.ResponderSettings(responderIke, Suites.EspGcm));

        IkeSaOutput first = peers.Initiator.Start();
        Assert.Equal(KeyExchangeGroupId.Ecp256, ReadKeGroup(first));

        IkeSaOutput invalidKe = peers.ToResponder(first);
        Assert.Equal(IkeSaState.Created, peers.Responder.State);
        Assert.True(IkeMessage.TryParse(invalidKe.Datagrams[0].Data.Span, out IkeMessage? message, out _));
        NotifyPayload notify = Assert.IsType<NotifyPayload>(Assert.Single(message.Payloads));
        Assert.Equal(KeyExchangeGroupId.Modp2048, NotifyData.ReadInvalidKeGroup(notify));

        IkeSaOutput retry = peers.ToInitiator(invalidKe);
        Assert.Equal(IkeSaState.InitSent, peers.Initiator.State);
        Assert.Equal(KeyExchangeGroupId.Modp2048, ReadKeGroup(retry));
        Assert.True(IkeMessage.TryParse(retry.Datagrams[0].Data.Span, out IkeMessage? retried, out _));
        Assert.Equal(0u, retried.Header.MessageId);

        peers.ToInitiator(peers.ToResponder(peers.ToInitiator(peers.ToResponder(retry))));
        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        Assert.Equal(IkeSaState.Established, peers.Responder.State);
        Assert.Single(peers.InitiatorHost.Installed);
    }

    [Fact]
    public void No_common_esp_proposal_keeps_the_ike_sa_without_a_child()
    {
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspCbcSha256),
            TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm));

        IkeSaOutput authResponse = peers.ToResponder(peers.ToInitiator(peers.ToResponder(peers.Initiator.Start())));
        Assert.Contains(authResponse.Events, e => e.Message == "no suitable proposal found for the Child SA");
        Assert.Equal(IkeSaState.Established, peers.Responder.State);

        IkeSaOutput end = peers.ToInitiator(authResponse);
        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        Assert.Contains(end.Events, e => e.Kind == IkeSaEventKind.ChildSaFailed && e.Message.Contains("NoProposalChosen", StringComparison.Ordinal));
        Assert.Empty(peers.InitiatorHost.Installed);
        Assert.Empty(peers.ResponderHost.Installed);
    }

    private static KeyExchangeGroupId ReadKeGroup(IkeSaOutput output)
    {
        Assert.True(IkeMessage.TryParse(Assert.Single(output.Datagrams).Data.Span, out IkeMessage? message, out _));
        return message.Payloads.OfType<KeyExchangePayload>().Single().Group;
    }
}
