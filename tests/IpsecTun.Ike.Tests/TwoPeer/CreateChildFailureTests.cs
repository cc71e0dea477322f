using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;

namespace IpsecTun.Ike.Tests.TwoPeer;

/// <summary>CREATE_CHILD_SA answered with an error Notify: the IKE SA stays, the reason reaches the host.</summary>
public sealed class CreateChildFailureTests
{
    [Fact]
    public void Invalid_ke_payload_in_a_child_rekey_is_retried_with_the_requested_pfs_group()
    {
        var initiatorEsp = Suites.EspGcm with { PfsGroups = [Suites.Ecp256, Suites.Modp2048] };
        var responderEsp = Suites.EspGcm with { PfsGroups = [Suites.Modp2048] };
        using var peers = new TwoPeers(TwoPeers.Settings(Suites.GcmEcp256, initiatorEsp), TwoPeers.ResponderSettings(Suites.GcmEcp256, responderEsp));
        peers.Establish();
        uint oldSpi = peers.Initiator.ChildSas[0].InboundSpi;

        IkeSaOutput refused = peers.ToResponder(peers.Initiator.RekeyChildSa(oldSpi));
        Assert.Single(peers.ResponderHost.Installed);
        IkeSaOutput retry = peers.ToInitiator(refused);
        Assert.Contains(retry.Events, e => e.Message.Contains("retrying CREATE_CHILD_SA", StringComparison.Ordinal));
        Assert.DoesNotContain(retry.Events, e => e.Kind == IkeSaEventKind.ChildSaFailed);
        IkeHeader header = IkeRekeyTests.Header(retry);
        Assert.Equal((ExchangeType.CreateChildSa, 3u), (header.ExchangeType, header.MessageId));

        IkeSaOutput response = peers.ToResponder(retry);
        Assert.Contains(response.Events, e => e.Kind == IkeSaEventKind.ChildSaInstalled && e.Message.Contains("pfs " + Suites.Modp2048.Name, StringComparison.Ordinal));
        peers.ToInitiator(peers.ToResponder(peers.ToInitiator(response)));
        Assert.Equal([oldSpi], peers.InitiatorHost.Deleted);
        Assert.Equal(Assert.Single(peers.Initiator.ChildSas).OutboundSpi, Assert.Single(peers.Responder.ChildSas).InboundSpi);
    }

    [Fact]
    public void Ts_unacceptable_for_a_new_child_sa_is_reported_with_the_reason()
    {
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm, remoteNet: "10.9.0.0-10.9.255.255"),
            TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm));
        peers.Establish();
        Assert.Empty(peers.Initiator.ChildSas);

        IkeSaOutput end = peers.ToInitiator(peers.ToResponder(peers.Initiator.CreateChildSa()));
        IkeSaEvent failed = Assert.Single(end.Events, e => e.Kind == IkeSaEventKind.ChildSaFailed);
        Assert.Contains("TsUnacceptable", failed.Message, StringComparison.Ordinal);
        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        Assert.Equal(IkeSaState.Established, peers.Responder.State);
        Assert.Empty(peers.InitiatorHost.Installed);
        Assert.Empty(peers.ResponderHost.Installed);
    }

    [Fact]
    public void No_proposal_chosen_for_a_new_child_sa_is_reported_with_the_reason()
    {
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspCbcSha256),
            TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm));
        peers.Establish();

        IkeSaOutput end = peers.ToInitiator(peers.ToResponder(peers.Initiator.CreateChildSa()));
        IkeSaEvent failed = Assert.Single(end.Events, e => e.Kind == IkeSaEventKind.ChildSaFailed);
        Assert.Contains("NoProposalChosen", failed.Message, StringComparison.Ordinal);
        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        Assert.Empty(peers.Initiator.ChildSas);
        Assert.Empty(peers.Responder.ChildSas);
    }
}
