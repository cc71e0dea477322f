using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Tests.TwoPeer;

public sealed class PskNegotiationTests
{
    public static TheoryData<string> SuiteNames => ["gcm-ecp256", "cbc-sha256-modp2048"];

    [Theory]
    [MemberData(nameof(SuiteNames))]
    public void Psk_negotiation_installs_matching_child_sas_on_both_sides(string suite)
    {
        (IkeProposalSettings ike, ChildProposalSettings esp) = suite == "gcm-ecp256"
            ? (Suites.GcmEcp256, Suites.EspGcm)
            : (Suites.CbcSha256Modp2048, Suites.EspCbcSha256);
        using var peers = new TwoPeers(
            TwoPeers.Settings(ike, esp, localId: "initiator.example", remoteId: "responder.example"),
            TwoPeers.ResponderSettings(ike, esp, localId: "responder.example", remoteId: "initiator.example"));

        IkeSaOutput initRequest = peers.Initiator.Start();
        Assert.Single(initRequest.Datagrams);
        Assert.Equal(IkeSaState.InitSent, peers.Initiator.State);
        Assert.Equal(IkeSaState.Created, peers.Responder.State);

        IkeSaOutput initResponse = peers.ToResponder(initRequest);
        Assert.Single(initResponse.Datagrams);
        Assert.Equal(IkeSaState.Authenticating, peers.Responder.State);
        Assert.Equal(IkeSaState.InitSent, peers.Initiator.State);
        Assert.Equal(peers.Initiator.InitiatorSpi, peers.Responder.InitiatorSpi);
        Assert.NotEqual(0UL, peers.Responder.ResponderSpi);

        IkeSaOutput authRequest = peers.ToInitiator(initResponse);
        Assert.Single(authRequest.Datagrams);
        Assert.Equal(IkeSaState.Authenticating, peers.Initiator.State);
        Assert.Equal(peers.Responder.ResponderSpi, peers.Initiator.ResponderSpi);
        Assert.False(peers.Initiator.LocalBehindNat);
        Assert.False(peers.Initiator.RemoteBehindNat);
        Assert.False(peers.Responder.RemoteBehindNat);
        Assert.Empty(peers.InitiatorHost.Installed);

        IkeSaOutput authResponse = peers.ToResponder(authRequest);
        Assert.Single(authResponse.Datagrams);
        Assert.Equal(IkeSaState.Established, peers.Responder.State);
        Assert.Single(peers.ResponderHost.Installed);
        Assert.Contains(authResponse.Events, e => e.Kind == IkeSaEventKind.ChildSaInstalled);

        IkeSaOutput after = peers.ToInitiator(authResponse);
        Assert.Empty(after.Datagrams);
        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        Assert.Contains(after.Events, e => e.Kind == IkeSaEventKind.Established);

        ChildSaInstallation i = Assert.Single(peers.InitiatorHost.Installed);
        ChildSaInstallation r = Assert.Single(peers.ResponderHost.Installed);
        Assert.Equal(0xc1000000u, i.InboundSpi);
        Assert.Equal(0xc2000000u, r.InboundSpi);
        Assert.Equal(i.InboundSpi, r.OutboundSpi);
        Assert.Equal(r.InboundSpi, i.OutboundSpi);
        Assert.Same(i.Encryption, r.Encryption);
        Assert.Same(esp.Encryption[0], i.Encryption);
        Assert.Equal(esp.Integrity.Count == 0 ? null : esp.Integrity[0], i.Integrity);
        Assert.Equal(ChildSaMode.Tunnel, i.Mode);
        Assert.Equal(esp.Encryption[0].KeyMaterialSize, i.OutboundEncryptionKey.Length);
        Assert.Equal(i.OutboundEncryptionKey.ToArray(), r.InboundEncryptionKey.ToArray());
        Assert.Equal(r.OutboundEncryptionKey.ToArray(), i.InboundEncryptionKey.ToArray());
        Assert.Equal(i.OutboundIntegrityKey.ToArray(), r.InboundIntegrityKey.ToArray());
        Assert.Equal(r.OutboundIntegrityKey.ToArray(), i.InboundIntegrityKey.ToArray());
        Assert.NotEqual(i.OutboundEncryptionKey.ToArray(), i.InboundEncryptionKey.ToArray());
        Assert.Equal(i.LocalSelectors.Select(s => s.ToString()), r.RemoteSelectors.Select(s => s.ToString()));
        Assert.Equal(i.RemoteSelectors.Select(s => s.ToString()), r.LocalSelectors.Select(s => s.ToString()));
        ChildSaReference reference = Assert.Single(peers.Initiator.ChildSas);
        Assert.Equal((i.InboundSpi, i.OutboundSpi, ChildSaMode.Tunnel), (reference.InboundSpi, reference.OutboundSpi, reference.Mode));
    }

    [Fact]
    public void Wrong_psk_is_answered_with_authentication_failed_and_both_sides_fail()
    {
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm, psk: "one secret"),
            TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm, psk: "another secret"));

        IkeSaOutput authRequest = peers.ToInitiator(peers.ToResponder(peers.Initiator.Start()));
        Assert.Equal(IkeSaState.Authenticating, peers.Initiator.State);

        IkeSaOutput authResponse = peers.ToResponder(authRequest);
        Assert.Single(authResponse.Datagrams);
        Assert.Equal(IkeSaState.Failed, peers.Responder.State);
        Assert.Contains(authResponse.Events, e => e.Message.Contains("does not verify", StringComparison.Ordinal));
        Assert.Equal(authResponse.Datagrams[0].Data.ToArray(), Assert.Single(peers.ToResponder(authRequest).Datagrams).Data.ToArray());

        IkeSaOutput end = peers.ToInitiator(authResponse);
        Assert.Equal(IkeSaState.Failed, peers.Initiator.State);
        Assert.Contains(end.Events, e => e.Message.Contains("AuthenticationFailed", StringComparison.Ordinal));
        Assert.Empty(peers.ResponderHost.Installed);
        Assert.Empty(peers.InitiatorHost.Installed);
    }

    [Fact]
    public void Unexpected_peer_identity_fails_authentication()
    {
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm, localId: "mallory.example"),
            TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm, remoteId: "initiator.example"));

        IkeSaOutput authResponse = peers.ToResponder(peers.ToInitiator(peers.ToResponder(peers.Initiator.Start())));

        Assert.Equal(IkeSaState.Failed, peers.Responder.State);
        Assert.Contains(authResponse.Events, e => e.Message.Contains("mallory.example does not match", StringComparison.Ordinal));
        peers.ToInitiator(authResponse);
        Assert.Equal(IkeSaState.Failed, peers.Initiator.State);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Initial_contact_is_announced_only_when_configured(bool send)
    {
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm) with { SendInitialContact = send },
            TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm));

        IkeSaOutput authResponse = peers.ToResponder(peers.ToInitiator(peers.ToResponder(peers.Initiator.Start())));

        Assert.Equal(IkeSaState.Established, peers.Responder.State);
        Assert.Equal(send, authResponse.Events.Any(e => e.Kind == IkeSaEventKind.InitialContact && e.Message == "initiator.example"));
    }
}
