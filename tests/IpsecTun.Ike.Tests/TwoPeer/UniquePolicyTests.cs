using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Tests.TwoPeer;

/// <summary>
/// Policy level unique on a responder with two policies towards one peer: a wide one (require) listed first and a
/// narrower unique one inside it. A request within the unique policy's selectors is negotiated under that policy
/// alone, so its SA is its own; a wider request is still the wide policy's.
/// </summary>
public sealed class UniquePolicyTests
{
    private static readonly ChildSaSettings Wide = new(
        [Suites.EspGcm, Suites.EspCbcSha256], [TwoPeers.Range("10.1.0.0-10.1.255.255")], [TwoPeers.Range("10.0.0.0-10.0.255.255")], ChildSaMode.Tunnel, TimeSpan.FromHours(1));

    private static readonly ChildSaSettings Unique = new(
        [Suites.EspCbcSha256], [TwoPeers.Range("10.1.5.0-10.1.5.255")], [TwoPeers.Range("10.0.0.0-10.0.255.255")], ChildSaMode.Tunnel, TimeSpan.FromHours(2), Unique: true);

    [Fact]
    public void A_request_within_a_unique_policy_is_negotiated_under_it_although_an_earlier_policy_fits()
    {
        using TwoPeers peers = Peers(Unique, offer: Suites.EspCbcSha256, towards: "10.1.5.0-10.1.5.255");

        IkeSaOutput request = peers.Initiator.Start();
        IkeSaOutput auth = peers.ToResponder(peers.ToInitiator(peers.ToResponder(request)));
        Assert.Equal(IkeSaState.Established, peers.Responder.State);
        ChildSaInstallation installed = Assert.Single(peers.ResponderHost.Installed);
        Assert.Same(Unique, installed.Settings);
        Assert.Same(Unique, Assert.Single(peers.Responder.ChildSas).Settings);
        Assert.Equal(TimeSpan.FromHours(2), installed.HardLifetime);

        peers.ToInitiator(auth);
        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        Assert.Equal(Assert.Single(peers.InitiatorHost.Installed).OutboundSpi, installed.InboundSpi);
    }

    [Fact]
    public void The_same_request_goes_to_the_first_policy_that_fits_when_the_narrower_one_is_require()
    {
        ChildSaSettings require = Unique with { Unique = false };
        using TwoPeers peers = Peers(require, offer: Suites.EspCbcSha256, towards: "10.1.5.0-10.1.5.255");

        peers.Establish();

        Assert.Same(Wide, Assert.Single(peers.ResponderHost.Installed).Settings);
        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
    }

    [Fact]
    public void A_request_within_a_unique_policy_that_its_proposals_refuse_is_not_served_by_another_policy()
    {
        using TwoPeers peers = Peers(Unique, offer: Suites.EspGcm, towards: "10.1.5.0-10.1.5.255");

        IkeSaOutput auth = peers.ToResponder(peers.ToInitiator(peers.ToResponder(peers.Initiator.Start())));
        Assert.Contains(auth.Events, e => e.Kind == IkeSaEventKind.ChildSaFailed && e.Message.Contains("NoProposalChosen", StringComparison.Ordinal));
        Assert.Equal(IkeSaState.Established, peers.Responder.State);
        Assert.Empty(peers.ResponderHost.Installed);

        IkeSaOutput end = peers.ToInitiator(auth);
        Assert.Contains(end.Events, e => e.Kind == IkeSaEventKind.ChildSaFailed);
        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        Assert.Empty(peers.InitiatorHost.Installed);
    }

    [Fact]
    public void A_wider_request_that_only_overlaps_the_unique_policy_stays_with_the_wide_policy()
    {
        using TwoPeers peers = Peers(Unique, offer: Suites.EspGcm, towards: "10.1.0.0-10.1.255.255");

        peers.Establish();

        Assert.Same(Wide, Assert.Single(peers.ResponderHost.Installed).Settings);
        Assert.Single(peers.InitiatorHost.Installed);
    }

    [Fact]
    public void A_rekey_of_the_unique_policys_child_sa_stays_that_policys()
    {
        using TwoPeers peers = Peers(Unique, offer: Suites.EspCbcSha256, towards: "10.1.5.0-10.1.5.255");
        peers.Establish();
        uint old = Assert.Single(peers.Initiator.ChildSas).InboundSpi;

        IkeSaOutput rekey = peers.ToResponder(peers.Initiator.RekeyChildSa(old));
        Assert.Equal(2, peers.ResponderHost.Installed.Count);
        Assert.Same(Unique, peers.ResponderHost.Installed[1].Settings);
        peers.ToInitiator(peers.ToResponder(peers.ToInitiator(rekey)));

        Assert.Same(Unique, Assert.Single(peers.Responder.ChildSas).Settings);
        Assert.Equal(peers.Responder.ChildSas[0].OutboundSpi, Assert.Single(peers.Initiator.ChildSas).InboundSpi);
        Assert.Contains(old, peers.InitiatorHost.Deleted);
    }

    /// <summary>A responder with the wide policy first and <paramref name="narrow"/> second; an initiator asking for one Child SA towards <paramref name="towards"/>.</summary>
    private static TwoPeers Peers(ChildSaSettings narrow, ChildProposalSettings offer, string towards)
    {
        IkeSaSettings initiator = TwoPeers.Settings(Suites.GcmEcp256, offer, localNet: "10.0.0.0-10.0.255.255", remoteNet: towards);
        IkeSaSettings responder = TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm) with { Child = Wide, AdditionalChildren = [narrow] };
        return new TwoPeers(initiator, responder);
    }
}
