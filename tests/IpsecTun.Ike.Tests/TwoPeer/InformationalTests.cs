using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;

namespace IpsecTun.Ike.Tests.TwoPeer;

public sealed class InformationalTests
{
    [Fact]
    public void Deleting_the_ike_sa_closes_both_sides_and_removes_their_child_sas()
    {
        using var peers = NewPeers();
        peers.Establish();
        uint initiatorInbound = peers.InitiatorHost.Installed[0].InboundSpi;
        uint responderInbound = peers.ResponderHost.Installed[0].InboundSpi;

        IkeSaOutput request = peers.Initiator.Delete();
        Assert.Equal(IkeSaState.Deleting, peers.Initiator.State);
        Assert.True(IkeMessage.TryParse(Assert.Single(request.Datagrams).Data.Span, out IkeMessage? message, out _));
        Assert.Equal(ExchangeType.Informational, message.Header.ExchangeType);
        Assert.Equal(2u, message.Header.MessageId);

        IkeSaOutput response = peers.ToResponder(request);
        Assert.Equal(IkeSaState.Closed, peers.Responder.State);
        Assert.Equal([responderInbound], peers.ResponderHost.Deleted);

        IkeSaOutput end = peers.ToInitiator(response);
        Assert.Equal(IkeSaState.Closed, peers.Initiator.State);
        Assert.Equal([initiatorInbound], peers.InitiatorHost.Deleted);
        Assert.Contains(end.Events, e => e.Kind == IkeSaEventKind.Closed);
        Assert.Empty(peers.Initiator.ChildSas);
    }

    [Fact]
    public void Deleting_a_child_sa_removes_both_halves_and_keeps_the_ike_sa()
    {
        using var peers = NewPeers();
        peers.Establish();
        uint initiatorInbound = peers.InitiatorHost.Installed[0].InboundSpi;
        uint responderInbound = peers.ResponderHost.Installed[0].InboundSpi;

        IkeSaOutput response = peers.ToResponder(peers.Initiator.DeleteChildSa(initiatorInbound));
        Assert.Equal([responderInbound], peers.ResponderHost.Deleted);
        Assert.Empty(peers.Responder.ChildSas);
        Assert.True(IkeMessage.TryParse(Assert.Single(response.Datagrams).Data.Span, out IkeMessage? message, out _));
        Assert.Equal(ExchangeType.Informational, message.Header.ExchangeType);

        peers.ToInitiator(response);
        Assert.Equal([initiatorInbound], peers.InitiatorHost.Deleted);
        Assert.Empty(peers.Initiator.ChildSas);
        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        Assert.Equal(IkeSaState.Established, peers.Responder.State);
    }

    [Fact]
    public void Dpd_probes_after_silence_and_a_live_peer_answers()
    {
        using var peers = NewPeers(TimeSpan.FromSeconds(30));
        peers.Establish();

        peers.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(peers.Initiator.Tick().Datagrams);
        peers.Time.Advance(TimeSpan.FromSeconds(1));
        IkeSaOutput probe = peers.Initiator.Tick();
        Assert.True(IkeMessage.TryParse(Assert.Single(probe.Datagrams).Data.Span, out IkeMessage? message, out _));
        Assert.Equal(ExchangeType.Informational, message.Header.ExchangeType);

        peers.ToInitiator(peers.ToResponder(probe));
        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        peers.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(peers.Initiator.Tick().Datagrams);
    }

    [Fact]
    public void Dpd_declares_a_silent_peer_dead_when_retransmissions_run_out()
    {
        using var peers = NewPeers(TimeSpan.FromSeconds(30));
        peers.Establish();
        peers.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Single(peers.Initiator.Tick().Datagrams);

        IkeSaOutput last = new();
        for (int i = 0; i < 130 && peers.Initiator.State == IkeSaState.Established; i++)
        {
            peers.Time.Advance(TimeSpan.FromSeconds(1));
            last = peers.Initiator.Tick();
        }

        Assert.Equal(IkeSaState.Closed, peers.Initiator.State);
        Assert.Contains(last.Events, e => e.Kind == IkeSaEventKind.PeerDead);
        Assert.Equal([peers.InitiatorHost.Installed[0].InboundSpi], peers.InitiatorHost.Deleted);
    }

    private static TwoPeers NewPeers(TimeSpan? dpd = null) => new(
        TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm, dpdInterval: dpd),
        TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm));
}
