using IpsecTun.Ike.Sa;

namespace IpsecTun.Ike.Tests.TwoPeer;

public sealed class ReliabilityTests
{
    [Fact]
    public void A_dropped_request_is_retransmitted_after_the_timeout_and_the_exchange_completes()
    {
        using var peers = NewPeers();
        IkeSaOutput lost = peers.Initiator.Start();

        peers.Time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Empty(peers.Initiator.Tick().Datagrams);
        peers.Time.Advance(TimeSpan.FromMilliseconds(1));
        IkeSaOutput again = peers.Initiator.Tick();
        Assert.Equal(lost.Datagrams[0].Data.ToArray(), Assert.Single(again.Datagrams).Data.ToArray());

        peers.ToInitiator(peers.ToResponder(peers.ToInitiator(peers.ToResponder(again))));
        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        Assert.Equal(IkeSaState.Established, peers.Responder.State);
    }

    [Fact]
    public void Retransmissions_back_off_exponentially_and_then_declare_the_peer_dead()
    {
        using var peers = NewPeers();
        peers.Initiator.Start();
        var sentAt = new List<double>();
        for (int ms = 0; ms <= 130_000; ms += 500)
        {
            IkeSaOutput output = peers.Initiator.Tick();
            if (output.Datagrams.Count > 0)
            {
                sentAt.Add(ms / 1000.0);
            }

            if (output.Events.Any(e => e.Kind == IkeSaEventKind.PeerDead))
            {
                Assert.Equal(126.0, ms / 1000.0);
                break;
            }

            peers.Time.Advance(TimeSpan.FromMilliseconds(500));
        }

        Assert.Equal([2.0, 6.0, 14.0, 30.0, 62.0], sentAt);
        Assert.Equal(IkeSaState.Closed, peers.Initiator.State);
        Assert.Empty(peers.Initiator.Tick().Datagrams);
    }

    [Fact]
    public void A_duplicated_request_is_answered_from_the_cache_without_processing_it_again()
    {
        using var peers = NewPeers();
        IkeSaOutput initRequest = peers.Initiator.Start();
        IkeSaOutput initResponse = peers.ToResponder(initRequest);
        IkeSaOutput initResponseAgain = peers.ToResponder(initRequest);
        Assert.Equal(initResponse.Datagrams[0].Data.ToArray(), Assert.Single(initResponseAgain.Datagrams).Data.ToArray());

        IkeSaOutput authRequest = peers.ToInitiator(initResponse);
        Assert.Empty(peers.ToInitiator(initResponseAgain).Datagrams);
        IkeSaOutput authResponse = peers.ToResponder(authRequest);
        IkeSaOutput authResponseAgain = peers.ToResponder(authRequest);

        Assert.Equal(authResponse.Datagrams[0].Data.ToArray(), Assert.Single(authResponseAgain.Datagrams).Data.ToArray());
        Assert.Contains(authResponseAgain.Events, e => e.Message.Contains("answering from the cache", StringComparison.Ordinal));
        Assert.Single(peers.ResponderHost.Installed);

        peers.ToInitiator(authResponse);
        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        Assert.Empty(peers.ToInitiator(authResponseAgain).Datagrams);
        Assert.Equal(2, peers.Initiator.DroppedCount);
        Assert.Single(peers.InitiatorHost.Installed);
    }

    private static TwoPeers NewPeers() => new(
        TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm),
        TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm));
}
