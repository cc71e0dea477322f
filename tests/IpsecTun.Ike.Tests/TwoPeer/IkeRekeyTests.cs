using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Tests.TwoPeer;

public sealed class IkeRekeyTests
{
    [Fact]
    public void Rekeying_the_ike_sa_moves_the_child_sas_to_the_new_sa_and_deletes_the_old_one()
    {
        using var peers = Peers();
        peers.Establish();
        IkeSa oldI = peers.Initiator;
        IkeSa oldR = peers.Responder;
        uint childI = Assert.Single(oldI.ChildSas).InboundSpi;
        uint childR = Assert.Single(oldR.ChildSas).InboundSpi;

        IkeSaOutput request = oldI.RekeyIkeSa();
        IkeHeader header = Header(request);
        Assert.Equal(ExchangeType.CreateChildSa, header.ExchangeType);
        Assert.Equal(2u, header.MessageId);
        Assert.Equal((oldI.InitiatorSpi, oldI.ResponderSpi), (header.InitiatorSpi, header.ResponderSpi));

        IkeSaOutput response = peers.ToResponder(request);
        IkeSa newR = Assert.Single(response.CreatedIkeSas);
        Assert.Equal(IkeSaState.Rekeyed, oldR.State);
        Assert.Equal(IkeSaState.Established, newR.State);
        Assert.False(newR.IsInitiator);
        Assert.Empty(oldR.ChildSas);
        Assert.Equal([childR], newR.ChildSas.Select(c => c.InboundSpi));
        Assert.NotEqual(oldR.InitiatorSpi, newR.InitiatorSpi);
        Assert.NotEqual(oldR.ResponderSpi, newR.ResponderSpi);
        Assert.Contains(response.Events, e => e.Kind == IkeSaEventKind.Rekeyed);

        IkeSaOutput delete = peers.ToInitiator(response);
        IkeSa newI = Assert.Single(delete.CreatedIkeSas);
        Assert.True(newI.IsInitiator);
        Assert.Equal((newR.InitiatorSpi, newR.ResponderSpi), (newI.InitiatorSpi, newI.ResponderSpi));
        Assert.Equal([childI], newI.ChildSas.Select(c => c.InboundSpi));
        Assert.Empty(oldI.ChildSas);
        Assert.Equal(IkeSaState.Deleting, oldI.State);
        IkeHeader deleteHeader = Header(delete);
        Assert.Equal(ExchangeType.Informational, deleteHeader.ExchangeType);
        Assert.Equal((oldI.InitiatorSpi, 3u), (deleteHeader.InitiatorSpi, deleteHeader.MessageId));

        IkeSaOutput end = peers.ToInitiator(peers.ToResponder(delete));
        Assert.Empty(end.Datagrams);
        Assert.Equal(IkeSaState.Closed, oldR.State);
        Assert.Equal(IkeSaState.Closed, oldI.State);
        Assert.Empty(peers.InitiatorHost.Deleted);
        Assert.Empty(peers.ResponderHost.Deleted);

        // The new SA numbers its messages from zero and carries on with the Child SA.
        IkeSaOutput childRekey = newI.RekeyChildSa(childI);
        Assert.Equal((newI.InitiatorSpi, 0u), (Header(childRekey).InitiatorSpi, Header(childRekey).MessageId));
        peers.ToInitiator(peers.ToResponder(peers.ToInitiator(peers.ToResponder(childRekey))));
        Assert.Equal([childI], peers.InitiatorHost.Deleted);
        Assert.Equal([childR], peers.ResponderHost.Deleted);
        Assert.Equal(Assert.Single(newI.ChildSas).OutboundSpi, Assert.Single(newR.ChildSas).InboundSpi);
    }

    [Fact]
    public void The_ike_responder_can_rekey_and_becomes_the_initiator_of_the_new_sa()
    {
        using var peers = Peers();
        peers.Establish();

        IkeSaOutput request = peers.Responder.RekeyIkeSa();
        Assert.False(Header(request).IsFromInitiator);
        Assert.Equal(0u, Header(request).MessageId);
        IkeSaOutput delete = peers.ToResponder(peers.ToInitiator(request));
        peers.ToResponder(peers.ToInitiator(delete));

        IkeSa newR = TwoPeers.Live(peers.ResponderSas);
        IkeSa newI = TwoPeers.Live(peers.InitiatorSas);
        Assert.True(newR.IsInitiator);
        Assert.False(newI.IsInitiator);
        Assert.Equal((newR.InitiatorSpi, newR.ResponderSpi), (newI.InitiatorSpi, newI.ResponderSpi));
        Assert.Equal(IkeSaState.Closed, peers.Initiator.State);
        Assert.Equal(IkeSaState.Closed, peers.Responder.State);

        // The original initiator now sends requests without the Initiator flag.
        IkeSaOutput childRekey = newI.RekeyChildSa(newI.ChildSas[0].InboundSpi);
        Assert.False(Header(childRekey).IsFromInitiator);
        Assert.Equal(0u, Header(childRekey).MessageId);
        peers.ToInitiator(peers.ToResponder(peers.ToInitiator(peers.ToResponder(childRekey))));
        Assert.Equal(Assert.Single(newI.ChildSas).OutboundSpi, Assert.Single(newR.ChildSas).InboundSpi);
    }

    [Fact]
    public void With_dpd_the_ike_sa_is_rekeyed_at_a_jittered_soft_lifetime()
    {
        TimeSpan lifetime = TimeSpan.FromHours(1);
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm, dpdInterval: TimeSpan.FromHours(3), childLifetime: TimeSpan.FromHours(4)) with { Lifetime = lifetime },
            TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm, childLifetime: TimeSpan.FromHours(4)) with { Lifetime = lifetime, DpdInterval = TimeSpan.FromHours(3) });
        peers.Establish();
        TimeSpan soft = peers.Initiator.IkeSoftLifetime;
        Assert.InRange(soft, lifetime * 0.85, lifetime * 0.9);
        Assert.NotEqual(soft, peers.Responder.IkeSoftLifetime);

        peers.Time.Advance(soft - TimeSpan.FromSeconds(1));
        Assert.Empty(peers.Initiator.Tick().Datagrams);
        peers.Time.Advance(TimeSpan.FromSeconds(1));
        IkeSaOutput rekey = peers.Initiator.Tick();
        Assert.Equal(ExchangeType.CreateChildSa, Header(rekey).ExchangeType);
        peers.ToInitiator(peers.ToResponder(peers.ToInitiator(peers.ToResponder(rekey))));

        Assert.Equal(IkeSaState.Closed, peers.Initiator.State);
        Assert.Equal(IkeSaState.Closed, peers.Responder.State);
        IkeSa newI = TwoPeers.Live(peers.InitiatorSas);
        IkeSa newR = TwoPeers.Live(peers.ResponderSas);
        Assert.Single(newI.ChildSas);
        Assert.Empty(newR.Tick().Datagrams);
        Assert.Empty(newI.Tick().Datagrams);
    }

    [Fact]
    public void A_lifetime_rekey_refused_with_temporary_failure_is_tried_again_after_a_wait()
    {
        TimeSpan lifetime = TimeSpan.FromHours(1);
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm, dpdInterval: TimeSpan.FromHours(3), childLifetime: TimeSpan.FromHours(4)) with { Lifetime = lifetime },
            TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm, childLifetime: TimeSpan.FromHours(4)) with { Lifetime = lifetime });
        peers.Establish();
        peers.Time.Advance(lifetime * 0.9);
        IkeSaOutput childRekey = peers.Responder.RekeyChildSa(peers.Responder.ChildSas[0].InboundSpi);

        IkeSaOutput ikeRekey = peers.Initiator.Tick();
        Assert.Equal(ExchangeType.CreateChildSa, Header(ikeRekey).ExchangeType);
        IkeSaOutput refused = peers.ToInitiator(peers.ToResponder(ikeRekey));
        Assert.Contains(refused.Events, e => e.Message.Contains("TemporaryFailure", StringComparison.Ordinal));
        Assert.Empty(peers.Initiator.Tick().Datagrams);

        IkeSaOutput deleteOld = peers.ToResponder(peers.ToInitiator(childRekey));
        peers.ToResponder(peers.ToInitiator(deleteOld));
        peers.Time.Advance(TimeSpan.FromSeconds(2));
        IkeSaOutput again = peers.Initiator.Tick();
        Assert.Equal(ExchangeType.CreateChildSa, Header(again).ExchangeType);
        peers.ToInitiator(peers.ToResponder(peers.ToInitiator(peers.ToResponder(again))));

        Assert.Equal(IkeSaState.Closed, peers.Initiator.State);
        IkeSa liveI = TwoPeers.Live(peers.InitiatorSas);
        Assert.Equal(Assert.Single(liveI.ChildSas).OutboundSpi, Assert.Single(TwoPeers.Live(peers.ResponderSas).ChildSas).InboundSpi);
    }

    [Fact]
    public void Without_dpd_the_original_initiator_reauthenticates_make_before_break()
    {
        TimeSpan lifetime = TimeSpan.FromHours(1);
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm, childLifetime: TimeSpan.FromHours(4)) with { Lifetime = lifetime, SendInitialContact = true },
            TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm, childLifetime: TimeSpan.FromHours(4)) with { Lifetime = lifetime });
        peers.Establish();
        uint oldChildI = peers.Initiator.ChildSas[0].InboundSpi;
        uint oldChildR = peers.Responder.ChildSas[0].InboundSpi;

        peers.Time.Advance(lifetime * 0.9);
        Assert.Empty(peers.Responder.Tick().Datagrams);
        IkeSaOutput init = peers.Initiator.Tick();
        IkeSa newI = Assert.Single(init.CreatedIkeSas);
        Assert.Equal(ExchangeType.IkeSaInit, Header(init).ExchangeType);
        Assert.Equal((newI.InitiatorSpi, 0ul), (Header(init).InitiatorSpi, Header(init).ResponderSpi));

        IkeSaOutput auth = peers.ToInitiator(peers.ToResponder(init));
        IkeSaOutput authResponse = peers.ToResponder(auth);
        Assert.DoesNotContain(authResponse.Events, e => e.Kind == IkeSaEventKind.InitialContact);
        IkeSa newR = peers.ResponderSas[^1];
        Assert.Equal(IkeSaState.Established, newR.State);

        IkeSaOutput delete = peers.ToInitiator(authResponse);
        Assert.Equal(IkeSaState.Established, newI.State);
        Assert.Equal(2, peers.InitiatorHost.Installed.Count);
        Assert.Equal(2, peers.ResponderHost.Installed.Count);
        Assert.Empty(peers.InitiatorHost.Deleted);
        IkeHeader deleteHeader = Header(delete);
        Assert.Equal((ExchangeType.Informational, peers.Initiator.InitiatorSpi), (deleteHeader.ExchangeType, deleteHeader.InitiatorSpi));

        peers.ToInitiator(peers.ToResponder(delete));
        Assert.Equal(IkeSaState.Closed, peers.Initiator.State);
        Assert.Equal(IkeSaState.Closed, peers.Responder.State);
        Assert.Equal([oldChildI], peers.InitiatorHost.Deleted);
        Assert.Equal([oldChildR], peers.ResponderHost.Deleted);
        Assert.Equal(Assert.Single(newI.ChildSas).OutboundSpi, Assert.Single(newR.ChildSas).InboundSpi);
    }

    [Fact]
    public void The_responder_reports_initial_contact_from_the_first_ike_auth()
    {
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm) with { SendInitialContact = true },
            TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm));
        IkeSaOutput authResponse = peers.ToResponder(peers.ToInitiator(peers.ToResponder(peers.Initiator.Start())));
        IkeSaEvent contact = Assert.Single(authResponse.Events, e => e.Kind == IkeSaEventKind.InitialContact);
        Assert.Equal("initiator.example", contact.Message);
    }

    [Fact]
    public void An_ike_rekey_during_a_child_sa_exchange_of_the_peer_gets_temporary_failure()
    {
        using var peers = Peers();
        peers.Establish();
        IkeSaOutput childRekey = peers.Initiator.RekeyChildSa(peers.Initiator.ChildSas[0].InboundSpi);

        IkeSaOutput refused = peers.ToInitiator(peers.Responder.RekeyIkeSa());
        Assert.Empty(refused.CreatedIkeSas);
        IkeSaOutput end = peers.ToResponder(refused);
        Assert.Contains(end.Events, e => e.Message.Contains("TemporaryFailure", StringComparison.Ordinal));
        Assert.Empty(end.CreatedIkeSas);
        Assert.Equal(IkeSaState.Established, peers.Responder.State);
        Assert.Single(peers.Responder.ChildSas);

        peers.ToInitiator(peers.ToResponder(peers.ToInitiator(peers.ToResponder(childRekey))));
        Assert.Equal(Assert.Single(peers.Initiator.ChildSas).OutboundSpi, Assert.Single(peers.Responder.ChildSas).InboundSpi);
        Assert.Single(peers.InitiatorSas);
        Assert.Single(peers.ResponderSas);
    }

    [Fact]
    public void A_replaced_sa_whose_delete_never_comes_closes_after_the_retransmission_span_keeping_the_child_sas()
    {
        using var peers = Peers();
        peers.Establish();
        IkeSaOutput response = peers.ToResponder(peers.Initiator.RekeyIkeSa());
        IkeSa newR = Assert.Single(response.CreatedIkeSas);
        Assert.Equal(IkeSaState.Rekeyed, peers.Responder.State);

        peers.Time.Advance(TimeSpan.FromMinutes(10));
        IkeSaOutput closed = peers.Responder.Tick();
        Assert.Equal(IkeSaState.Closed, peers.Responder.State);
        Assert.DoesNotContain(closed.Events, e => e.Kind == IkeSaEventKind.ChildSaDeleted);
        Assert.Single(newR.ChildSas);
        Assert.Empty(peers.ResponderHost.Deleted);
    }

    [Fact]
    public void With_reauthenticate_set_the_initiator_reauthenticates_even_with_dpd()
    {
        TimeSpan lifetime = TimeSpan.FromHours(1);
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm, dpdInterval: TimeSpan.FromHours(3), childLifetime: TimeSpan.FromHours(4))
                with { Lifetime = lifetime, Reauthenticate = true },
            TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm, childLifetime: TimeSpan.FromHours(4)) with { Lifetime = lifetime });
        peers.Establish();

        peers.Time.Advance(lifetime * 0.9);
        IkeSaOutput init = peers.Initiator.Tick();
        Assert.Equal(ExchangeType.IkeSaInit, Header(init).ExchangeType);
        Assert.Single(init.CreatedIkeSas);
        Assert.Empty(peers.Initiator.Tick().Datagrams);
    }

    [Fact]
    public void A_responder_without_dpd_deletes_the_ike_sa_at_its_hard_lifetime()
    {
        TimeSpan lifetime = TimeSpan.FromHours(1);
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm, childLifetime: TimeSpan.FromHours(4)) with { Lifetime = TimeSpan.FromHours(8) },
            TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm, childLifetime: TimeSpan.FromHours(4)) with { Lifetime = lifetime });
        peers.Establish();
        uint childR = peers.Responder.ChildSas[0].InboundSpi;

        peers.Time.Advance(lifetime * 0.95);
        Assert.Empty(peers.Responder.Tick().Datagrams);
        peers.Time.Advance(lifetime * 0.05);
        IkeSaOutput delete = peers.Responder.Tick();
        Assert.Equal(ExchangeType.Informational, Header(delete).ExchangeType);
        peers.ToResponder(peers.ToInitiator(delete));

        Assert.Equal(IkeSaState.Closed, peers.Initiator.State);
        Assert.Equal(IkeSaState.Closed, peers.Responder.State);
        Assert.Equal([childR], peers.ResponderHost.Deleted);
    }

    [Fact]
    public void Invalid_ke_payload_in_an_ike_sa_rekey_is_retried_with_the_requested_group()
    {
        var both = new IkeProposalSettings([Suites.Aes128Gcm], [IpsecTun.Crypto.PrfAlgorithms.HmacSha2_256], [], [Suites.Ecp256, Suites.Modp2048]);
        using var peers = new TwoPeers(TwoPeers.Settings(both, Suites.EspGcm), new Modp2048ForTheIdentity(both));
        peers.Establish();

        IkeSaOutput refused = peers.ToResponder(peers.Initiator.RekeyIkeSa());
        Assert.Empty(refused.CreatedIkeSas);
        IkeSaOutput retry = peers.ToInitiator(refused);
        Assert.Contains(retry.Events, e => e.Message.Contains("retrying the IKE SA rekey", StringComparison.Ordinal));
        Assert.Equal(3u, Header(retry).MessageId);

        IkeSaOutput delete = peers.ToInitiator(peers.ToResponder(retry));
        peers.ToInitiator(peers.ToResponder(delete));
        IkeSa liveI = TwoPeers.Live(peers.InitiatorSas);
        Assert.Equal((liveI.InitiatorSpi, liveI.ResponderSpi), (TwoPeers.Live(peers.ResponderSas).InitiatorSpi, TwoPeers.Live(peers.ResponderSas).ResponderSpi));
        Assert.Equal(Suites.Modp2048, liveI.Transforms!.Group);
        Assert.Single(liveI.ChildSas);
    }

    internal static TwoPeers Peers() => new(
        TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm),
        TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm));

    internal static IkeHeader Header(IkeSaOutput output) => Wire.Parse(Assert.Single(output.Datagrams).Data.Span).Header;

    /// <summary>A peer that accepts both groups in IKE_SA_INIT, whose identity then allows only MODP-2048.</summary>
    private sealed class Modp2048ForTheIdentity(IkeProposalSettings both) : IResponderConfiguration
    {
        public IkeSaSettings? FindPeer(System.Net.IPEndPoint local, System.Net.IPEndPoint remote) =>
            TwoPeers.ResponderSettings(both, Suites.EspGcm);

        public IkeSaSettings? FindIdentity(IkeSaSettings peer, IdentificationPayload initiatorId) =>
            peer with { Proposals = [both with { Groups = [Suites.Modp2048] }] };
    }
}
