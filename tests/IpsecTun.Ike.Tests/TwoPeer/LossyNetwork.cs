using IpsecTun.Ike.Sa;

namespace IpsecTun.Ike.Tests.TwoPeer;

/// <summary>
/// A seeded bad network between <see cref="TwoPeers"/>: every datagram is lost with one probability and
/// duplicated with another, and whatever is in flight is delivered in random order. The clock moves only
/// when nothing is in flight, so retransmissions repair the losses. After every delivered message the
/// invariants of both sides are checked.
/// </summary>
internal sealed class LossyNetwork(TwoPeers peers, double lossRate, int seed)
{
    private const double DuplicationRate = 0.1;
    private const int MaxSteps = 40_000;

    private readonly Random _random = new(seed);
    private readonly List<(OutboundDatagram Datagram, bool ToResponder)> _inFlight = [];

    public int Delivered { get; private set; }

    public int Lost { get; private set; }

    /// <summary>Puts what a side produced on the wire; <paramref name="fromInitiatorSide"/> names the side.</summary>
    public void Send(IkeSaOutput output, bool fromInitiatorSide)
    {
        TwoPeers.Register(output, fromInitiatorSide ? peers.InitiatorSas : peers.ResponderSas);
        foreach (OutboundDatagram datagram in output.Datagrams)
        {
            if (_random.NextDouble() < lossRate)
            {
                Lost++;
                continue;
            }

            _inFlight.Add((datagram, fromInitiatorSide));
            if (_random.NextDouble() < DuplicationRate)
            {
                _inFlight.Add((datagram, fromInitiatorSide));
            }
        }
    }

    /// <summary>Delivers, retransmits and ticks until nothing is in flight and no SA of either side has a request outstanding.</summary>
    public void RunUntilQuiet()
    {
        for (int step = 0; step < MaxSteps; step++)
        {
            if (_inFlight.Count > 0)
            {
                int index = _random.Next(_inFlight.Count);
                (OutboundDatagram datagram, bool toResponder) = _inFlight[index];
                _inFlight.RemoveAt(index);
                Delivered++;
                Send(peers.DeliverOne(datagram, toResponder), fromInitiatorSide: !toResponder);
                CheckInvariants();
                continue;
            }

            // Quiet: no request outstanding, and no replaced or redundant SA still waiting for its delete.
            if (peers.InitiatorSas.Concat(peers.ResponderSas).All(sa => (sa.IsIdle && sa.State != IkeSaState.Rekeyed) || sa.State is IkeSaState.Closed or IkeSaState.Failed))
            {
                return;
            }

            peers.Time.Advance(TimeSpan.FromSeconds(1));
            foreach (IkeSa sa in peers.InitiatorSas.ToList())
            {
                Send(sa.Tick(), fromInitiatorSide: true);
            }

            foreach (IkeSa sa in peers.ResponderSas.ToList())
            {
                Send(sa.Tick(), fromInitiatorSide: false);
            }
        }

        Assert.Fail($"no quiet after {MaxSteps} steps");
    }

    /// <summary>
    /// What holds after any message: no SA failed; every Child SA an SA lists is installed and not deleted on
    /// its host; and for each pair of SAs with the same SPIs, the message IDs agree with a window of one.
    /// </summary>
    public void CheckInvariants()
    {
        Assert.DoesNotContain(peers.InitiatorSas.Concat(peers.ResponderSas), sa => sa.State == IkeSaState.Failed);
        CheckChildren(peers.InitiatorSas, peers.InitiatorHost);
        CheckChildren(peers.ResponderSas, peers.ResponderHost);
        foreach (IkeSa a in peers.InitiatorSas.Where(Open))
        {
            if (peers.ResponderSas.FirstOrDefault(b => Open(b) && b.InitiatorSpi == a.InitiatorSpi && b.ResponderSpi == a.ResponderSpi) is { } b)
            {
                CheckWindow(a, b);
                CheckWindow(b, a);
            }
        }
    }

    private static bool Open(IkeSa sa) => sa.State is IkeSaState.Established or IkeSaState.Rekeyed or IkeSaState.Deleting;

    private static void CheckChildren(List<IkeSa> sas, FakeChildSaHost host)
    {
        foreach (ChildSaReference child in sas.Where(sa => sa.State != IkeSaState.Closed).SelectMany(sa => sa.ChildSas))
        {
            Assert.Contains(host.Installed, c => c.InboundSpi == child.InboundSpi);
            Assert.DoesNotContain(child.InboundSpi, host.Deleted);
        }
    }

    /// <summary>The peer expects our outstanding request's ID (not yet received) or the one after it (answered); once we are idle, the next one.</summary>
    private static void CheckWindow(IkeSa requester, IkeSa peer)
    {
        if (requester.ActiveTask is null)
        {
            Assert.Equal(requester.NextRequestId, peer.ExpectedRequestId);
        }
        else
        {
            Assert.InRange(peer.ExpectedRequestId, requester.NextRequestId, requester.NextRequestId + 1);
        }
    }
}
