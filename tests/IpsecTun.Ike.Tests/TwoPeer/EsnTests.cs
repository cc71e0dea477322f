using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Tests.TwoPeer;

/// <summary>Extended sequence numbers negotiated through transform type 5 and handed to the host.</summary>
public sealed class EsnTests
{
    [Theory]
    [InlineData(EsnPolicy.Allowed, EsnPolicy.Required, true)]
    [InlineData(EsnPolicy.Required, EsnPolicy.Allowed, true)]
    [InlineData(EsnPolicy.Allowed, EsnPolicy.Allowed, true)]
    [InlineData(EsnPolicy.Allowed, EsnPolicy.Never, false)]
    [InlineData(EsnPolicy.Never, EsnPolicy.Allowed, false)]
    public void The_child_sa_uses_esn_when_both_sides_accept_it(EsnPolicy initiator, EsnPolicy responder, bool expected)
    {
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm with { Esn = initiator }),
            TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm with { Esn = responder }));
        peers.Establish();

        Assert.Equal(expected, Assert.Single(peers.InitiatorHost.Installed).ExtendedSequenceNumbers);
        Assert.Equal(expected, Assert.Single(peers.ResponderHost.Installed).ExtendedSequenceNumbers);
    }

    [Fact]
    public void Esn_required_against_esn_never_is_no_proposal_chosen()
    {
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm with { Esn = EsnPolicy.Required }),
            TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm));
        IkeSaOutput end = peers.Establish();

        Assert.Contains(end.Events, e => e.Kind == IkeSaEventKind.ChildSaFailed && e.Message.Contains("NoProposalChosen", StringComparison.Ordinal));
        Assert.Empty(peers.InitiatorHost.Installed);
        Assert.Empty(peers.ResponderHost.Installed);
    }

    [Fact]
    public void A_rekeyed_child_sa_keeps_negotiating_esn()
    {
        var esp = Suites.EspGcm with { Esn = EsnPolicy.Required };
        using var peers = new TwoPeers(TwoPeers.Settings(Suites.GcmEcp256, esp), TwoPeers.ResponderSettings(Suites.GcmEcp256, esp));
        peers.Establish();
        peers.ToInitiator(peers.ToResponder(peers.ToInitiator(peers.ToResponder(peers.Initiator.RekeyChildSa(peers.Initiator.ChildSas[0].InboundSpi)))));

        Assert.All(peers.InitiatorHost.Installed, c => Assert.True(c.ExtendedSequenceNumbers));
        Assert.Equal(2, peers.ResponderHost.Installed.Count(c => c.ExtendedSequenceNumbers));
    }
}
