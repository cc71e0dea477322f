using System.Net;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;
using IpsecTun.Ike.Tests.Authentication;

namespace IpsecTun.Ike.Tests.TwoPeer.Eap;

/// <summary>IKE_AUTH with EAP (RFC 7296 §2.16, RFC 5998) between two IKE SAs in one process, with <see cref="ToyEap"/> as the method.</summary>
public sealed class EapAuthTests
{
    [Fact]
    public void Eap_after_the_responder_certificate_establishes_the_sa_with_msk_keyed_auth()
    {
        var client = new ToyEapClient("alice", "secret");
        using var peers = new TwoPeers(Initiator(client), Responder(new ToyEapServer("secret")));

        Conversation run = Conversation.Run(peers);

        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        Assert.Equal(IkeSaState.Established, peers.Responder.State);
        Assert.Single(peers.Initiator.ChildSas);
        Assert.Single(peers.Responder.ChildSas);
        Assert.Equal("alice", peers.Responder.EapIdentity);
        Assert.Equal(3, client.Processed);
        // IKE_SA_INIT, the first IKE_AUTH, two EAP rounds and the AUTH round.
        Assert.Equal(5, run.Requests);
        Assert.True(run.InitiatorLogged("authenticated with"));
    }

    [Fact]
    public void Wrong_password_fails_on_both_sides_with_the_reason()
    {
        using var peers = new TwoPeers(Initiator(new ToyEapClient("alice", "guess")), Responder(new ToyEapServer("secret")));

        Conversation run = Conversation.Run(peers);

        Assert.Equal(IkeSaState.Failed, peers.Initiator.State);
        Assert.Equal(IkeSaState.Failed, peers.Responder.State);
        Assert.True(run.ResponderLogged("EAP authentication failed: wrong password for alice"));
        Assert.True(run.InitiatorLogged("EAP authentication failed: server sent EAP-Failure"));
        Assert.Empty(peers.InitiatorHost.Installed);
    }

    [Fact]
    public void An_initiator_that_gives_up_during_eap_tells_the_responder_which_reports_it()
    {
        using var peers = new TwoPeers(Initiator(new ToyEapClient("alice", "secret", refusesChallenge: true)), Responder(new ToyEapServer("secret")));

        Conversation run = Conversation.Run(peers);

        Assert.True(run.InitiatorLogged("EAP authentication failed: the challenge is not acceptable"));
        Assert.True(run.ResponderLogged("the initiator gave up during EAP authentication"));
        Assert.Equal(IkeSaState.Failed, peers.Responder.State);
        Assert.Equal(IkeSaState.Failed, peers.Initiator.State);
    }

    [Fact]
    public void An_initiator_that_gives_up_after_the_server_failed_it_is_reported_with_the_server_reason()
    {
        using var peers = new TwoPeers(
            Initiator(new ToyEapClient("alice", "secret", refusesChallenge: true)),
            Responder(new ToyEapServer("secret") { PendingFailure = "Tls: the peer certificate is not trusted by the configured CA" }));

        Conversation run = Conversation.Run(peers);

        Assert.True(run.ResponderLogged(
            "the initiator gave up during EAP authentication after our EAP server failed it: Tls: the peer certificate is not trusted by the configured CA"));
        Assert.Equal(IkeSaState.Failed, peers.Responder.State);
    }

    [Fact]
    public void Responder_certificate_from_another_ca_stops_the_initiator_before_any_eap_response()
    {
        var client = new ToyEapClient("alice", "secret");
        IkeSaSettings initiator = Initiator(client) with { PeerValidation = TestPki.Trusting(TestPki.Instance.EvilRoot) };
        using var peers = new TwoPeers(initiator, Responder(new ToyEapServer("secret")));

        Conversation run = Conversation.Run(peers);

        Assert.Equal(0, client.Processed);
        Assert.NotEqual(IkeSaState.Established, peers.Initiator.State);
        Assert.NotEqual(IkeSaState.Established, peers.Responder.State);
        Assert.True(run.InitiatorLogged("peer certificate not trusted"));
    }

    [Fact]
    public void Eap_only_without_a_responder_certificate_when_the_initiator_offers_it()
    {
        IkeSaSettings initiator = Initiator(new ToyEapClient("alice", "secret")) with { RemoteAuthMethod = IkeAuthMethod.Eap };
        IkeSaSettings responder = Responder(new ToyEapServer("secret")) with { AuthMethod = IkeAuthMethod.Eap, Certificate = null };
        using var peers = new TwoPeers(initiator, responder);

        Conversation run = Conversation.Run(peers);

        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        Assert.Equal(IkeSaState.Established, peers.Responder.State);
        Assert.True(run.InitiatorLogged("the responder authenticates by EAP only (RFC 5998)"));
    }

    [Fact]
    public void Eap_only_responder_refuses_an_initiator_that_does_not_offer_it()
    {
        IkeSaSettings responder = Responder(new ToyEapServer("secret")) with { AuthMethod = IkeAuthMethod.Eap, Certificate = null };
        using var peers = new TwoPeers(Initiator(new ToyEapClient("alice", "secret")), responder);

        Conversation run = Conversation.Run(peers);

        Assert.Equal(IkeSaState.Failed, peers.Responder.State);
        Assert.Equal(IkeSaState.Failed, peers.Initiator.State);
        Assert.True(run.ResponderLogged("does not offer EAP-only authentication (RFC 5998)"));
        Assert.True(run.InitiatorLogged("AuthenticationFailed"));
    }

    [Fact]
    public void Eap_only_needs_a_method_that_derives_an_msk()
    {
        IkeSaSettings initiator = Initiator(new ToyEapClient("alice", "secret", derivesMsk: false)) with { RemoteAuthMethod = IkeAuthMethod.Eap };
        IkeSaSettings responder = Responder(new ToyEapServer("secret", derivesMsk: false)) with { AuthMethod = IkeAuthMethod.Eap, Certificate = null };
        using var peers = new TwoPeers(initiator, responder);

        Conversation run = Conversation.Run(peers);

        Assert.NotEqual(IkeSaState.Established, peers.Initiator.State);
        Assert.True(run.InitiatorLogged("EAP-only authentication needs a method that derives an MSK"));
    }

    [Fact]
    public void Method_without_an_msk_keys_the_auth_payloads_with_sk_p()
    {
        IkeSaSettings initiator = Initiator(new ToyEapClient("alice", "secret", derivesMsk: false));
        using var peers = new TwoPeers(initiator, Responder(new ToyEapServer("secret", derivesMsk: false)));

        Conversation run = Conversation.Run(peers);

        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        Assert.Equal(IkeSaState.Established, peers.Responder.State);
        Assert.True(run.InitiatorLogged("(the method derives no MSK)"));
    }

    [Fact]
    public void Initiator_whose_msk_differs_is_refused_at_the_final_auth()
    {
        // The client believes in a key-less method while the server derives an MSK: its AUTH cannot match.
        using var peers = new TwoPeers(Initiator(new ToyEapClient("alice", "secret", derivesMsk: false)), Responder(new ToyEapServer("secret")));

        Conversation run = Conversation.Run(peers);

        Assert.Equal(IkeSaState.Failed, peers.Responder.State);
        Assert.NotEqual(IkeSaState.Established, peers.Initiator.State);
        Assert.True(run.ResponderLogged("AUTH after EAP is missing or does not verify"));
    }

    [Fact]
    public void A_server_that_answers_later_holds_the_request_and_drops_its_retransmission()
    {
        var server = new ToyEapServer("secret", answersLater: true);
        using var peers = new TwoPeers(Initiator(new ToyEapClient("alice", "secret")), Responder(server));
        IkeSaOutput atResponder = peers.ToResponder(peers.ToInitiator(peers.ToResponder(peers.Initiator.Start())));
        int resumed = 0;

        while (atResponder.Datagrams.Count == 0 && server.Parked is { } parked && resumed < 10)
        {
            // The initiator retransmits meanwhile: the responder neither answers nor hands it to the server again.
            peers.Time.Advance(TimeSpan.FromSeconds(5));
            IkeSaOutput again = peers.Initiator.Tick();
            Assert.NotEmpty(again.Datagrams);
            Assert.Empty(peers.ToResponder(again).Datagrams);
            Assert.Same(parked, server.Parked);

            IkeSaOutput answer = peers.Responder.ResumeEap(parked);
            resumed++;
            Assert.NotEmpty(answer.Datagrams);
            atResponder = peers.ToResponder(peers.ToInitiator(answer));
        }

        peers.ToInitiator(atResponder);
        // The Identity Request, the challenge and the EAP-Success came late; the final AUTH is answered at once.
        Assert.Equal(3, resumed);
        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        Assert.Equal(IkeSaState.Established, peers.Responder.State);
    }

    [Fact]
    public void A_tick_picks_up_the_round_a_late_server_has_ready()
    {
        var server = new ToyEapServer("secret", answersLater: true);
        using var peers = new TwoPeers(Initiator(new ToyEapClient("alice", "secret")), Responder(server));
        IkeSaOutput atResponder = peers.ToResponder(peers.ToInitiator(peers.ToResponder(peers.Initiator.Start())));
        Assert.Empty(atResponder.Datagrams);
        Assert.Empty(peers.Responder.Tick().Datagrams);
        server.Ready = true;

        for (int ticks = 0; atResponder.Datagrams.Count == 0 && ticks < 10; ticks++)
        {
            atResponder = peers.ToResponder(peers.ToInitiator(peers.Responder.Tick()));
        }

        peers.ToInitiator(atResponder);
        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        Assert.Equal(IkeSaState.Established, peers.Responder.State);
    }

    [Fact]
    public void Address_the_eap_server_assigns_is_the_mode_config_address()
    {
        IPAddress framed = IPAddress.Parse("10.1.77.9");
        IkeSaSettings initiator = Initiator(new ToyEapClient("alice", "secret")) with { ModeConfig = new ModeConfigRequest() };
        IkeSaSettings responder = Responder(new ToyEapServer("secret", assigns: framed)) with
        {
            ModeConfigAnswer = new ModeConfigResult([IPAddress.Parse("10.1.0.2")], [IPAddress.Parse("10.1.0.53")], []),
        };
        using var peers = new TwoPeers(initiator, responder);

        Conversation.Run(peers);

        Assert.Equal(framed, peers.Responder.EapAssignedAddress);
        ModeConfigResult result = Assert.IsType<ModeConfigResult>(peers.Initiator.ModeConfig);
        Assert.Equal([framed], result.Addresses);
        Assert.Equal([IPAddress.Parse("10.1.0.53")], result.DnsServers);
    }

    internal static IkeSaSettings Initiator(ToyEapClient client) =>
        TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm, psk: "", localId: "alice.example") with
        {
            AuthMethod = IkeAuthMethod.Eap,
            RemoteAuthMethod = IkeAuthMethod.DigitalSignature,
            PeerValidation = TestPki.Trusting(TestPki.Instance.Root),
            EapClient = () => client,
        };

    internal static IkeSaSettings Responder(ToyEapServer server) =>
        CertificatePeers.Responder() with { RemoteAuthMethod = IkeAuthMethod.Eap, EapAuthenticator = _ => server };
}
