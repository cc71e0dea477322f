using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Tests.TwoPeer;

/// <summary>
/// The whole life of an IKE SA over a network that loses, duplicates and reorders datagrams: IKE_SA_INIT,
/// IKE_AUTH, Child SA rekeys from both sides, an IKE SA rekey and the delete. Both sides end consistent.
/// </summary>
public sealed class LossTests
{
    [Theory]
    [InlineData(0.05, 1)]
    [InlineData(0.05, 2)]
    [InlineData(0.05, 4)]
    [InlineData(0.05, 5)]
    [InlineData(0.30, 1)]
    [InlineData(0.30, 2)]
    [InlineData(0.30, 3)]
    [InlineData(0.30, 4)]
    [InlineData(0.30, 5)]
    [InlineData(0.30, 6)]
    public void Both_sides_end_consistent_through_every_exchange(double lossRate, int seed)
    {
        using TwoPeers peers = Peers();
        var network = new LossyNetwork(peers, lossRate, seed);

        Establish(peers, network);

        uint first = peers.Initiator.ChildSas[0].InboundSpi;
        network.Send(peers.Initiator.RekeyChildSa(first), fromInitiatorSide: true);
        network.RunUntilQuiet();
        AssertChildPairs(peers, 1);
        Assert.Contains(first, peers.InitiatorHost.Deleted);

        uint second = peers.Responder.ChildSas[0].InboundSpi;
        network.Send(peers.Responder.RekeyChildSa(second), fromInitiatorSide: false);
        network.RunUntilQuiet();
        AssertChildPairs(peers, 1);
        Assert.Contains(second, peers.ResponderHost.Deleted);

        network.Send(peers.Initiator.RekeyIkeSa(), fromInitiatorSide: true);
        network.RunUntilQuiet();
        Assert.Equal(IkeSaState.Closed, peers.Initiator.State);
        Assert.Equal(IkeSaState.Closed, peers.Responder.State);
        (IkeSa liveI, _) = LivePair(peers);

        network.Send(liveI.Delete(), fromInitiatorSide: true);
        network.RunUntilQuiet();
        Assert.All(peers.InitiatorSas.Concat(peers.ResponderSas), sa => Assert.Equal(IkeSaState.Closed, sa.State));
        Assert.Equal(peers.InitiatorHost.Installed.Select(c => c.InboundSpi).Order(), peers.InitiatorHost.Deleted.Order());
        Assert.Equal(peers.ResponderHost.Installed.Select(c => c.InboundSpi).Order(), peers.ResponderHost.Deleted.Order());
        Assert.True(network.Lost > 0, "the network lost nothing");
    }

    [Theory]
    [InlineData(0.05, 11)]
    [InlineData(0.05, 12)]
    [InlineData(0.30, 11)]
    [InlineData(0.30, 12)]
    [InlineData(0.30, 13)]
    [InlineData(0.30, 14)]
    public void Simultaneous_rekeys_over_a_bad_network_leave_both_sides_consistent(double lossRate, int seed)
    {
        using TwoPeers peers = Peers();
        var network = new LossyNetwork(peers, lossRate, seed);
        Establish(peers, network);

        network.Send(peers.Initiator.RekeyChildSa(peers.Initiator.ChildSas[0].InboundSpi), fromInitiatorSide: true);
        network.Send(peers.Responder.RekeyChildSa(peers.Responder.ChildSas[0].InboundSpi), fromInitiatorSide: false);
        network.RunUntilQuiet();
        AssertChildPairs(peers, 1);

        network.Send(peers.Initiator.RekeyIkeSa(), fromInitiatorSide: true);
        network.Send(peers.Responder.RekeyIkeSa(), fromInitiatorSide: false);
        network.RunUntilQuiet();
        (_, IkeSa liveR) = LivePair(peers);

        network.Send(liveR.Delete(), fromInitiatorSide: false);
        network.RunUntilQuiet();
        Assert.All(peers.InitiatorSas.Concat(peers.ResponderSas), sa => Assert.Equal(IkeSaState.Closed, sa.State));
        Assert.Equal(peers.ResponderHost.Installed.Select(c => c.InboundSpi).Order(), peers.ResponderHost.Deleted.Order());
    }

    [Theory]
    [InlineData(0.05, 21)]
    [InlineData(0.30, 21)]
    [InlineData(0.30, 22)]
    [InlineData(0.30, 23)]
    public void Reauthentication_over_a_bad_network_replaces_both_sides_sas(double lossRate, int seed)
    {
        using TwoPeers peers = Peers();
        var network = new LossyNetwork(peers, lossRate, seed);
        Establish(peers, network);
        uint oldChild = peers.Initiator.ChildSas[0].InboundSpi;

        network.Send(peers.Initiator.Reauthenticate(), fromInitiatorSide: true);
        network.RunUntilQuiet();

        Assert.Equal(IkeSaState.Closed, peers.Initiator.State);
        Assert.Equal(IkeSaState.Closed, peers.Responder.State);
        LivePair(peers);
        Assert.Equal([oldChild], peers.InitiatorHost.Deleted);
    }

    private static void Establish(TwoPeers peers, LossyNetwork network)
    {
        network.Send(peers.Initiator.Start(), fromInitiatorSide: true);
        network.RunUntilQuiet();
        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        Assert.Equal(IkeSaState.Established, peers.Responder.State);
        AssertChildPairs(peers, 1);
    }

    /// <summary>The one live IKE SA of each side, with the same SPIs, holding one Child SA pair.</summary>
    private static (IkeSa Initiator, IkeSa Responder) LivePair(TwoPeers peers)
    {
        IkeSa liveI = TwoPeers.Live(peers.InitiatorSas);
        IkeSa liveR = TwoPeers.Live(peers.ResponderSas);
        Assert.Equal((liveI.InitiatorSpi, liveI.ResponderSpi), (liveR.InitiatorSpi, liveR.ResponderSpi));
        AssertChildPairs(peers, 1);
        return (liveI, liveR);
    }

    /// <summary>More retransmissions than the default, so that 30% loss each way rarely exhausts them; PFS and fragments on.</summary>
    private static TwoPeers Peers()
    {
        var retransmission = new RetransmissionSettings(TimeSpan.FromSeconds(1), 12);
        var esp = Suites.EspGcm with { PfsGroups = [Suites.Ecp256] };
        return new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, esp) with { Retransmission = retransmission, FragmentSize = 200 },
            TwoPeers.ResponderSettings(Suites.GcmEcp256, esp) with { Retransmission = retransmission, FragmentSize = 200 });
    }

    /// <summary>Each side's live IKE SA holds <paramref name="count"/> Child SAs, paired by SPI with the other side's.</summary>
    private static void AssertChildPairs(TwoPeers peers, int count)
    {
        IReadOnlyList<ChildSaReference> initiator = TwoPeers.Live(peers.InitiatorSas).ChildSas;
        IReadOnlyList<ChildSaReference> responder = TwoPeers.Live(peers.ResponderSas).ChildSas;
        Assert.Equal(count, initiator.Count);
        Assert.Equal(initiator.Select(c => (c.InboundSpi, c.OutboundSpi)).Order(), responder.Select(c => (c.OutboundSpi, c.InboundSpi)).Order());
        Assert.Equal(
            peers.InitiatorHost.Installed.Count - peers.InitiatorHost.Deleted.Count,
            peers.InitiatorSas.Where(sa => sa.State != IkeSaState.Closed).Sum(sa => sa.ChildSas.Count));
    }
}
