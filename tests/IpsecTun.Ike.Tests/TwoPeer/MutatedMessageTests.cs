using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Tests.Fuzzing;

namespace IpsecTun.Ike.Tests.TwoPeer;

/// <summary>Mutated datagrams fed to the state machine: never an exception, never a change to protected state.</summary>
public sealed class MutatedMessageTests
{
    private const int Mutations = 3000;

    [Fact]
    public void Mutated_protected_messages_are_dropped_and_the_exchange_still_completes()
    {
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.CbcSha256Modp2048, Suites.EspCbcSha256),
            TwoPeers.ResponderSettings(Suites.CbcSha256Modp2048, Suites.EspCbcSha256));
        IkeSaOutput authRequest = peers.ToInitiator(peers.ToResponder(peers.Initiator.Start()));
        OutboundDatagram real = Assert.Single(authRequest.Datagrams);
        var mutator = new Mutator(7, [real.Data.ToArray()]);
        int fed = 0;

        for (int i = 0; i < Mutations; i++)
        {
            // Mutations can cancel out (the same bit flipped twice); an unchanged copy is the real request.
            Span<byte> mutated = mutator.Next();
            if (mutated.SequenceEqual(real.Data.Span))
            {
                continue;
            }

            IkeSaOutput output = peers.Responder.Receive(mutated, real.From, real.To);
            Assert.True(output.Datagrams.Count == 0, string.Join(" / ", output.Events.Select(e => e.Message)));
            fed++;
        }

        Assert.Equal(IkeSaState.Authenticating, peers.Responder.State);
        Assert.InRange(fed, Mutations * 9 / 10, Mutations);
        Assert.Equal(fed, peers.Responder.DroppedCount);
        Assert.Empty(peers.ResponderHost.Installed);

        peers.ToInitiator(peers.ToResponder(authRequest));
        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        Assert.Equal(IkeSaState.Established, peers.Responder.State);
    }

    [Fact]
    public void Mutated_ike_sa_init_requests_are_answered_or_dropped_without_exceptions()
    {
        using var template = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm),
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm));
        OutboundDatagram request = Assert.Single(template.Initiator.Start().Datagrams);
        var mutator = new Mutator(11, [request.Data.ToArray()]);
        var states = new HashSet<IkeSaState>();

        for (int i = 0; i < Mutations; i++)
        {
            using var peers = new TwoPeers(
                TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm),
                TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm));
            IkeSaOutput output = peers.Responder.Receive(mutator.Next(), request.From, request.To);
            Assert.True(output.Datagrams.Count <= 1);
            states.Add(peers.Responder.State);
        }

        Assert.Subset(new HashSet<IkeSaState> { IkeSaState.Created, IkeSaState.Authenticating, IkeSaState.Failed }, states);
        Assert.Contains(IkeSaState.Created, states);
    }

    [Fact]
    public void Mutated_ike_sa_init_responses_end_the_exchange_or_are_dropped_without_exceptions()
    {
        using var template = new TwoPeers(TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm), TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm));
        OutboundDatagram response = Assert.Single(template.ToResponder(template.Initiator.Start()).Datagrams);
        var mutator = new Mutator(13, [response.Data.ToArray()]);
        var states = new HashSet<IkeSaState>();

        for (int i = 0; i < Mutations / 3; i++)
        {
            using var peers = new TwoPeers(TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm), TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm));
            peers.Initiator.Start();
            IkeSaOutput output = peers.Initiator.Receive(mutator.Next(), response.From, response.To);
            Assert.True(output.Datagrams.Count <= 1);
            states.Add(peers.Initiator.State);
        }

        Assert.Subset(new HashSet<IkeSaState> { IkeSaState.InitSent, IkeSaState.Authenticating, IkeSaState.Failed }, states);
        Assert.Contains(IkeSaState.InitSent, states);
    }
}
