using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;

namespace IpsecTun.Ike.Tests.TwoPeer;

/// <summary>Both peers rekey the same SA at once (RFC 7296 §2.8.1, §2.8.2, §2.25).</summary>
public sealed class RekeyCollisionTests
{
    [Fact]
    public void Simultaneous_child_rekeys_install_both_new_sas_then_keep_exactly_one()
    {
        using var peers = IkeRekeyTests.Peers();
        peers.Establish();
        uint oldI = peers.Initiator.ChildSas[0].InboundSpi;
        uint oldR = peers.Responder.ChildSas[0].InboundSpi;

        IkeSaOutput requestI = peers.Initiator.RekeyChildSa(oldI);
        IkeSaOutput requestR = peers.Responder.RekeyChildSa(oldR);
        IkeSaOutput responseToI = peers.ToResponder(requestI);
        IkeSaOutput responseToR = peers.ToInitiator(requestR);
        Assert.Equal(2, peers.InitiatorHost.Installed.Count);
        Assert.Equal(2, peers.ResponderHost.Installed.Count);

        IkeSaOutput deleteI = peers.ToInitiator(responseToI);
        IkeSaOutput deleteR = peers.ToResponder(responseToR);
        // Both new inbound SAs are installed on both sides before anything is deleted: no traffic is lost.
        Assert.Equal(3, peers.InitiatorHost.Installed.Count);
        Assert.Equal(3, peers.ResponderHost.Installed.Count);
        Assert.Empty(peers.InitiatorHost.Deleted);
        Assert.Empty(peers.ResponderHost.Deleted);
        Assert.Contains((deleteI.Events.Concat(deleteR.Events)), e => e.Message.Contains("lowest nonce", StringComparison.Ordinal));

        peers.ToResponder(peers.ToInitiator(deleteR));
        peers.ToInitiator(peers.ToResponder(deleteI));

        ChildSaReference survivorI = Assert.Single(peers.Initiator.ChildSas);
        ChildSaReference survivorR = Assert.Single(peers.Responder.ChildSas);
        Assert.Equal(survivorI.InboundSpi, survivorR.OutboundSpi);
        Assert.Equal(survivorR.InboundSpi, survivorI.OutboundSpi);
        Assert.NotEqual(oldI, survivorI.InboundSpi);
        Assert.Contains(oldI, peers.InitiatorHost.Deleted);
        Assert.Contains(oldR, peers.ResponderHost.Deleted);
        Assert.Equal(2, peers.InitiatorHost.Deleted.Count);
        Assert.Equal(2, peers.ResponderHost.Deleted.Count);
        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        Assert.Equal(IkeSaState.Established, peers.Responder.State);
    }

    [Fact]
    public void A_child_rekey_of_an_sa_already_replaced_gets_temporary_failure()
    {
        using var peers = IkeRekeyTests.Peers();
        peers.Establish();
        uint oldI = peers.Initiator.ChildSas[0].InboundSpi;
        uint oldR = peers.Responder.ChildSas[0].InboundSpi;

        // The initiator's rekey completes first; its DELETE of the old SA is still on the way.
        IkeSaOutput deleteOld = peers.ToInitiator(peers.ToResponder(peers.Initiator.RekeyChildSa(oldI)));
        IkeSaOutput refused = peers.ToInitiator(peers.Responder.RekeyChildSa(oldR));
        IkeSaOutput failed = peers.ToResponder(refused);
        Assert.Contains(failed.Events, e => e.Kind == IkeSaEventKind.ChildSaFailed && e.Message.Contains("TemporaryFailure", StringComparison.Ordinal));
        Assert.Equal(2, peers.ResponderHost.Installed.Count);

        peers.ToInitiator(peers.ToResponder(deleteOld));
        Assert.Equal([oldI], peers.InitiatorHost.Deleted);
        Assert.Equal([oldR], peers.ResponderHost.Deleted);
        Assert.Equal(Assert.Single(peers.Initiator.ChildSas).OutboundSpi, Assert.Single(peers.Responder.ChildSas).InboundSpi);
    }

    [Fact]
    public void Simultaneous_ike_rekeys_leave_one_new_ike_sa_holding_the_child_sas_on_both_sides()
    {
        using var peers = IkeRekeyTests.Peers();
        peers.Establish();
        uint childI = peers.Initiator.ChildSas[0].InboundSpi;
        uint childR = peers.Responder.ChildSas[0].InboundSpi;

        IkeSaOutput requestI = peers.Initiator.RekeyIkeSa();
        IkeSaOutput requestR = peers.Responder.RekeyIkeSa();
        IkeSaOutput responseToI = peers.ToResponder(requestI);
        IkeSaOutput responseToR = peers.ToInitiator(requestR);
        Assert.Single(responseToI.CreatedIkeSas);
        Assert.Single(responseToR.CreatedIkeSas);

        // Until the collision is resolved the Child SAs stay with the old SA.
        Assert.Single(peers.Initiator.ChildSas);
        IkeSaOutput afterI = peers.ToInitiator(responseToI);
        IkeSaOutput afterR = peers.ToResponder(responseToR);
        Assert.Equal(3, peers.InitiatorSas.Count);
        Assert.Equal(3, peers.ResponderSas.Count);
        Assert.Contains(afterI.Events.Concat(afterR.Events), e => e.Message.Contains("our exchange has the lowest nonce", StringComparison.Ordinal));

        // Two deletes: the loser's new SA by its initiator, the old SA by the winner.
        DeliverUntilQuiet(peers, afterI, afterR);

        IkeSa liveI = TwoPeers.Live(peers.InitiatorSas);
        IkeSa liveR = TwoPeers.Live(peers.ResponderSas);
        Assert.Equal((liveI.InitiatorSpi, liveI.ResponderSpi), (liveR.InitiatorSpi, liveR.ResponderSpi));
        Assert.NotEqual(peers.Initiator.InitiatorSpi, liveI.InitiatorSpi);
        Assert.Equal([childI], liveI.ChildSas.Select(c => c.InboundSpi));
        Assert.Equal([childR], liveR.ChildSas.Select(c => c.InboundSpi));
        Assert.Empty(peers.InitiatorHost.Deleted);
        Assert.Empty(peers.ResponderHost.Deleted);
        Assert.Equal(IkeSaState.Established, liveI.State);
        Assert.All(peers.InitiatorSas.Where(sa => sa != liveI), sa => Assert.Equal(IkeSaState.Closed, sa.State));
        Assert.All(peers.ResponderSas.Where(sa => sa != liveR), sa => Assert.Equal(IkeSaState.Closed, sa.State));
    }

    [Fact]
    public void An_ike_rekey_that_arrives_after_the_peer_finished_its_own_gets_temporary_failure()
    {
        using var peers = IkeRekeyTests.Peers();
        peers.Establish();

        IkeSaOutput requestI = peers.Initiator.RekeyIkeSa();
        IkeSaOutput requestR = peers.Responder.RekeyIkeSa();
        // The responder's request is delayed: the initiator's rekey completes first.
        IkeSaOutput deleteOld = peers.ToInitiator(peers.ToResponder(requestI));
        Assert.Equal(IkeSaState.Deleting, peers.Initiator.State);
        // The responder saw the collision and keeps its Child SAs until its own rekey is answered.
        Assert.Single(peers.Responder.ChildSas);

        IkeSaOutput refused = peers.ToInitiator(requestR);
        Assert.Empty(refused.CreatedIkeSas);
        IkeSaOutput failed = peers.ToResponder(refused);
        Assert.Contains(failed.Events, e => e.Message.Contains("TemporaryFailure", StringComparison.Ordinal));
        Assert.Empty(peers.Responder.ChildSas);
        DeliverUntilQuiet(peers, deleteOld, new IkeSaOutput());

        IkeSa liveI = TwoPeers.Live(peers.InitiatorSas);
        IkeSa liveR = TwoPeers.Live(peers.ResponderSas);
        Assert.Equal((liveI.InitiatorSpi, liveI.ResponderSpi), (liveR.InitiatorSpi, liveR.ResponderSpi));
        Assert.Single(liveI.ChildSas);
        Assert.Single(liveR.ChildSas);
        Assert.Equal(2, peers.InitiatorSas.Count);
        Assert.Equal(2, peers.ResponderSas.Count);
    }

    [Fact]
    public void A_child_rekey_while_the_ike_sa_is_being_rekeyed_gets_temporary_failure()
    {
        using var peers = IkeRekeyTests.Peers();
        peers.Establish();
        IkeSaOutput ikeRekey = peers.Initiator.RekeyIkeSa();

        IkeSaOutput refused = peers.ToInitiator(peers.Responder.RekeyChildSa(peers.Responder.ChildSas[0].InboundSpi));
        IkeSaOutput failed = peers.ToResponder(refused);
        Assert.Contains(failed.Events, e => e.Kind == IkeSaEventKind.ChildSaFailed && e.Message.Contains("TemporaryFailure", StringComparison.Ordinal));
        Assert.Single(peers.InitiatorHost.Installed);
        Assert.Single(peers.ResponderHost.Installed);

        DeliverUntilQuiet(peers, ikeRekey, new IkeSaOutput());
        Assert.Single(TwoPeers.Live(peers.InitiatorSas).ChildSas);
        Assert.Single(TwoPeers.Live(peers.ResponderSas).ChildSas);
    }

    [Fact]
    public void Nonces_compare_as_unsigned_octet_strings()
    {
        byte[] low = [0x00, 0xff, 0xff];
        byte[] high = [0x80, 0x00, 0x00];
        Assert.Same(low, LowestNonce.Of(high, low));
        Assert.Same(low, LowestNonce.Of(low, high));
        Assert.True(LowestNonce.Compare(low, high) < 0);
        Assert.True(LowestNonce.Compare([0x01], [0x01, 0x00]) < 0);
    }

    private static void DeliverUntilQuiet(TwoPeers peers, IkeSaOutput fromInitiator, IkeSaOutput fromResponder)
    {
        for (int round = 0; round < 10 && (fromInitiator.Datagrams.Count > 0 || fromResponder.Datagrams.Count > 0); round++)
        {
            IkeSaOutput toI = peers.ToResponder(fromInitiator);
            IkeSaOutput toR = peers.ToInitiator(fromResponder);
            fromInitiator = toR;
            fromResponder = toI;
        }

        Assert.Empty(fromInitiator.Datagrams);
        Assert.Empty(fromResponder.Datagrams);
    }
}
