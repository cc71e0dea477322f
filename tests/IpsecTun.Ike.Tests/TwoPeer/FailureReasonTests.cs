using IpsecTun.Crypto;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Tests.TwoPeer;

/// <summary>Every failure names its reason as a value on both sides, on the SA and on the event, without reading log text.</summary>
public sealed class FailureReasonTests
{
    [Fact]
    public void No_common_ike_proposal_fails_both_sides_with_no_proposal_chosen()
    {
        var cbc = new IkeProposalSettings([Suites.Aes128Cbc], [PrfAlgorithms.HmacSha2_256], [IntegrityAlgorithms.HmacSha2_256_128], [Suites.Ecp256]);
        using var peers = new TwoPeers(TwoPeers.Settings(cbc, Suites.EspGcm), TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm));

        IkeSaOutput response = peers.ToResponder(peers.Initiator.Start());
        Assert.Equal(IkeSaFailureKind.NoProposalChosen, peers.Responder.Failure?.Kind);
        Assert.Null(peers.Initiator.Failure);

        IkeSaOutput end = peers.ToInitiator(response);
        Assert.Equal(IkeSaFailureKind.NoProposalChosen, peers.Initiator.Failure?.Kind);
        Assert.Equal(IkeSaFailureKind.NoProposalChosen, Assert.Single(end.Events, e => e.Kind == IkeSaEventKind.Failed).Failure);
    }

    [Fact]
    public void A_wrong_key_fails_as_not_authenticated_here_and_rejected_there()
    {
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm, psk: "one"), TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm, psk: "two"));

        IkeSaOutput refused = peers.ToResponder(peers.ToInitiator(peers.ToResponder(peers.Initiator.Start())));
        Assert.Equal(IkeSaState.Failed, peers.Responder.State);
        Assert.Equal(IkeSaFailureKind.PeerNotAuthenticated, peers.Responder.Failure?.Kind);

        IkeSaOutput end = peers.ToInitiator(refused);
        Assert.Equal(IkeSaState.Failed, peers.Initiator.State);
        Assert.Equal(IkeSaFailureKind.RejectedByPeer, peers.Initiator.Failure?.Kind);
        Assert.Equal(IkeSaFailureKind.RejectedByPeer, Assert.Single(end.Events, e => e.Kind == IkeSaEventKind.Failed).Failure);
    }

    [Fact]
    public void A_responder_the_initiator_does_not_trust_fails_the_initiator_as_not_authenticated()
    {
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm, remoteId: "someone-else.example"), TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm));

        IkeSaOutput informational = peers.ToInitiator(peers.ToResponder(peers.ToInitiator(peers.ToResponder(peers.Initiator.Start()))));
        Assert.Equal(IkeSaFailureKind.PeerNotAuthenticated, peers.Initiator.Failure?.Kind);
        peers.ToInitiator(peers.ToResponder(informational));

        Assert.Equal(IkeSaState.Failed, peers.Initiator.State);
        Assert.Equal(IkeSaFailureKind.PeerNotAuthenticated, peers.Initiator.Failure?.Kind);
    }

    [Fact]
    public void A_silent_peer_is_a_timeout()
    {
        using var peers = new TwoPeers(TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm), TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm));
        peers.Initiator.Start();

        IkeSaOutput last = new();
        for (int i = 0; i < 20 && peers.Initiator.State != IkeSaState.Closed; i++)
        {
            peers.Time.Advance(TimeSpan.FromMinutes(1));
            last = peers.Initiator.Tick();
        }

        Assert.Equal(IkeSaFailureKind.Timeout, peers.Initiator.Failure?.Kind);
        Assert.Equal(IkeSaFailureKind.Timeout, Assert.Single(last.Events, e => e.Kind == IkeSaEventKind.PeerDead).Failure);
    }

    [Fact]
    public void Selectors_the_responder_has_no_policy_for_fail_the_child_sa_with_ts_unacceptable_and_keep_the_ike_sa()
    {
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm, remoteNet: "10.9.0.0-10.9.0.255"), TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm));

        IkeSaOutput end = peers.Establish();

        Assert.Equal(IkeSaFailureKind.TsUnacceptable, Assert.Single(end.Events, e => e.Kind == IkeSaEventKind.ChildSaFailed).Failure);
        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        Assert.Null(peers.Initiator.Failure);
        Assert.Null(peers.Responder.Failure);
    }
}
