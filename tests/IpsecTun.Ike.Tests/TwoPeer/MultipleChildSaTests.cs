using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Tests.TwoPeer;

/// <summary>
/// A peer with several Child SAs (one per policy): the first in IKE_AUTH, the others by CREATE_CHILD_SA,
/// each with its own proposals, through rekeys and reauthentication. Both sides are checked after every message.
/// </summary>
public sealed class MultipleChildSaTests
{
    private static readonly ChildSaSettings SecondI = new(
        [Suites.EspCbcSha256], [TwoPeers.Range("10.5.0.0-10.5.0.255")], [TwoPeers.Range("10.6.0.0-10.6.0.255")], ChildSaMode.Tunnel, TimeSpan.FromHours(2));

    private static readonly ChildSaSettings SecondR = SecondI with { LocalSelectors = SecondI.RemoteSelectors, RemoteSelectors = SecondI.LocalSelectors };

    [Fact]
    public void Every_configured_child_sa_is_negotiated_the_first_in_ike_auth_the_second_by_create_child_sa()
    {
        using TwoPeers peers = Peers(withSecondOnResponder: true);

        IkeSaOutput auth = peers.ToResponder(peers.ToInitiator(peers.ToResponder(peers.Initiator.Start())));
        Assert.Single(peers.Responder.ChildSas);
        Assert.Empty(peers.Initiator.ChildSas);

        IkeSaOutput createChild = peers.ToInitiator(auth);
        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        Assert.Single(peers.Initiator.ChildSas);
        IkeHeader header = IkeRekeyTests.Header(createChild);
        Assert.Equal((ExchangeType.CreateChildSa, 2u), (header.ExchangeType, header.MessageId));
        AssertPaired(peers.Initiator, peers.Responder);

        IkeSaOutput response = peers.ToResponder(createChild);
        Assert.Equal(2, peers.Responder.ChildSas.Count);
        Assert.Single(peers.Initiator.ChildSas);

        Assert.Empty(peers.ToInitiator(response).Datagrams);
        Assert.Equal(2, peers.Initiator.ChildSas.Count);
        AssertPaired(peers.Initiator, peers.Responder);
        Assert.Equal(Text(SecondI.LocalSelectors), Text(peers.Initiator.ChildSas[1].LocalSelectors));
        Assert.Equal(Text(SecondR.LocalSelectors), Text(peers.Responder.ChildSas[1].LocalSelectors));
        Assert.Equal([Suites.Aes128Gcm, Suites.Aes256Cbc], peers.InitiatorHost.Installed.Select(c => c.Encryption));
        Assert.Equal([Suites.Aes128Gcm, Suites.Aes256Cbc], peers.ResponderHost.Installed.Select(c => c.Encryption));
    }

    [Fact]
    public void A_responder_without_the_second_policy_refuses_it_and_keeps_the_first()
    {
        using TwoPeers peers = Peers(withSecondOnResponder: false);

        IkeSaOutput createChild = peers.Establish();
        IkeSaOutput refused = peers.ToResponder(createChild);
        Assert.Contains(refused.Events, e => e.Kind == IkeSaEventKind.ChildSaFailed && e.Message.Contains("TsUnacceptable", StringComparison.Ordinal));
        IkeSaOutput end = peers.ToInitiator(refused);

        Assert.Empty(end.Datagrams);
        Assert.Contains(end.Events, e => e.Kind == IkeSaEventKind.ChildSaFailed);
        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        Assert.Equal(IkeSaState.Established, peers.Responder.State);
        Assert.Single(peers.Initiator.ChildSas);
        AssertPaired(peers.Initiator, peers.Responder);
    }

    [Fact]
    public void The_second_child_sa_is_rekeyed_with_its_own_proposal_and_lifetime()
    {
        using TwoPeers peers = EstablishedWithBoth();
        uint firstI = peers.Initiator.ChildSas[0].InboundSpi;
        uint secondI = peers.Initiator.ChildSas[1].InboundSpi;

        // 0.9 of the second Child SA's two hours is past the first's soft lifetime too: both are rekeyed, one at a time.
        peers.Time.Advance(TimeSpan.FromMinutes(54));
        IkeSaOutput firstRekey = peers.Initiator.Tick();
        Assert.Equal(ExchangeType.CreateChildSa, IkeRekeyTests.Header(firstRekey).ExchangeType);
        RunToQuiet(peers, firstRekey, fromInitiator: true);
        Assert.Contains(firstI, peers.InitiatorHost.Deleted);
        Assert.DoesNotContain(secondI, peers.InitiatorHost.Deleted);
        Assert.Empty(peers.Initiator.Tick().Datagrams);

        peers.Time.Advance(TimeSpan.FromMinutes(54));
        IkeSaOutput secondRekey = peers.Initiator.Tick();
        RunToQuiet(peers, secondRekey, fromInitiator: true);

        Assert.Contains(secondI, peers.InitiatorHost.Deleted);
        Assert.Equal(2, peers.Initiator.ChildSas.Count);
        AssertPaired(peers.Initiator, peers.Responder);
        ChildSaReference rekeyed = Assert.Single(peers.Initiator.ChildSas, c => Text(c.LocalSelectors) == Text(SecondI.LocalSelectors));
        Assert.Equal(Suites.Aes256Cbc, peers.InitiatorHost.Installed.Single(c => c.InboundSpi == rekeyed.InboundSpi).Encryption);
        Assert.Same(SecondI, rekeyed.Settings);
    }

    [Fact]
    public void Reauthentication_recreates_every_child_sa_of_the_old_ike_sa()
    {
        using TwoPeers peers = EstablishedWithBoth();
        IkeSa oldI = peers.Initiator;
        IkeSa oldR = peers.Responder;
        var before = oldI.ChildSas.Select(c => (Text(c.LocalSelectors), Text(c.RemoteSelectors))).ToList();

        IkeSaOutput init = oldI.Reauthenticate();
        IkeSa newI = Assert.Single(init.CreatedIkeSas);
        RunToQuiet(peers, init, fromInitiator: true);

        IkeSa newR = TwoPeers.Live(peers.ResponderSas);
        Assert.Same(newI, TwoPeers.Live(peers.InitiatorSas));
        Assert.Equal(IkeSaState.Closed, oldI.State);
        Assert.Equal(IkeSaState.Closed, oldR.State);
        Assert.Equal(before, newI.ChildSas.Select(c => (Text(c.LocalSelectors), Text(c.RemoteSelectors))));
        AssertPaired(newI, newR);
        Assert.Equal(4, peers.InitiatorHost.Installed.Count);
        Assert.Equal(peers.InitiatorHost.Installed.Take(2).Select(c => c.InboundSpi).Order(), peers.InitiatorHost.Deleted.Order());
        Assert.Equal([Suites.Aes128Gcm, Suites.Aes256Cbc], peers.InitiatorHost.Installed.Skip(2).Select(c => c.Encryption));
    }

    [Fact]
    public void Reauthentication_recreates_a_child_sa_the_responder_created()
    {
        // The initiator's one policy covers all of 10/8, so it accepts the responder's second pair narrowed into it.
        ChildSaSettings secondR = SecondR with { Proposals = [Suites.EspGcm] };
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm, localNet: "10.0.0.0-10.255.255.255", remoteNet: "10.0.0.0-10.255.255.255"),
            TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm) with { AdditionalChildren = [secondR] });
        RunToQuiet(peers, peers.Initiator.Start(), fromInitiator: true);
        Assert.Single(peers.Initiator.ChildSas);
        RunToQuiet(peers, peers.Responder.CreateChildSa(secondR), fromInitiator: false);
        Assert.Equal(2, peers.Initiator.ChildSas.Count);
        var before = peers.Initiator.ChildSas.Select(c => (Text(c.LocalSelectors), Text(c.RemoteSelectors))).ToList();

        IkeSaOutput init = peers.Initiator.Reauthenticate();
        RunToQuiet(peers, init, fromInitiator: true);

        IkeSa newI = TwoPeers.Live(peers.InitiatorSas);
        Assert.NotSame(peers.Initiator, newI);
        Assert.Equal(before, newI.ChildSas.Select(c => (Text(c.LocalSelectors), Text(c.RemoteSelectors))));
        AssertPaired(newI, TwoPeers.Live(peers.ResponderSas));
        Assert.Equal(IkeSaState.Closed, peers.Responder.State);
    }

    internal static TwoPeers EstablishedWithBoth()
    {
        TwoPeers peers = Peers(withSecondOnResponder: true);
        RunToQuiet(peers, peers.Initiator.Start(), fromInitiator: true);
        Assert.Equal(2, peers.Initiator.ChildSas.Count);
        AssertPaired(peers.Initiator, peers.Responder);
        return peers;
    }

    private static TwoPeers Peers(bool withSecondOnResponder) => new(
        TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm, dpdInterval: TimeSpan.FromMinutes(30)) with { AdditionalChildren = [SecondI] },
        TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm) with { AdditionalChildren = withSecondOnResponder ? [SecondR] : null });

    /// <summary>Delivers messages back and forth until neither side sends, checking both sides after each one.</summary>
    internal static void RunToQuiet(TwoPeers peers, IkeSaOutput first, bool fromInitiator)
    {
        IkeSaOutput next = first;
        bool toResponder = fromInitiator;
        for (int i = 0; i < 40 && next.Datagrams.Count > 0; i++)
        {
            next = toResponder ? peers.ToResponder(next) : peers.ToInitiator(next);
            toResponder = !toResponder;
            Assert.DoesNotContain(next.Events, e => e.Kind is IkeSaEventKind.Failed or IkeSaEventKind.PeerDead);
            AssertConsistent(peers);
        }

        Assert.Empty(next.Datagrams);
    }

    /// <summary>Every live Child SA of either side is installed and its outbound SPI is an inbound SPI of the other side.</summary>
    private static void AssertConsistent(TwoPeers peers)
    {
        var inboundI = peers.InitiatorHost.Installed.Select(c => c.InboundSpi).Except(peers.InitiatorHost.Deleted).ToHashSet();
        var inboundR = peers.ResponderHost.Installed.Select(c => c.InboundSpi).Except(peers.ResponderHost.Deleted).ToHashSet();
        foreach (ChildSaReference child in peers.InitiatorSas.SelectMany(sa => sa.ChildSas))
        {
            Assert.Contains(child.InboundSpi, inboundI);
        }

        foreach (ChildSaReference child in peers.ResponderSas.SelectMany(sa => sa.ChildSas))
        {
            Assert.Contains(child.InboundSpi, inboundR);
        }
    }

    internal static void AssertPaired(IkeSa initiator, IkeSa responder)
    {
        Assert.Equal(
            initiator.ChildSas.Select(c => (c.InboundSpi, c.OutboundSpi)).Order(),
            responder.ChildSas.Select(c => (c.OutboundSpi, c.InboundSpi)).Order());
        foreach (ChildSaReference child in initiator.ChildSas)
        {
            ChildSaReference twin = responder.ChildSas.Single(c => c.OutboundSpi == child.InboundSpi);
            Assert.Equal(Text(child.LocalSelectors), Text(twin.RemoteSelectors));
            Assert.Equal(Text(child.RemoteSelectors), Text(twin.LocalSelectors));
        }
    }

    private static string Text(IReadOnlyList<TrafficSelector> selectors) => string.Join(", ", selectors);
}
