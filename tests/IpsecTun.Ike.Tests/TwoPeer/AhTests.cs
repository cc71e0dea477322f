using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Tests.TwoPeer;

/// <summary>AH Child SAs (RFC 4302): integrity-only proposals when the Child SA settings ask for AH.</summary>
public sealed class AhTests
{
    [Fact]
    public void An_ah_child_sa_is_negotiated_with_integrity_keys_only()
    {
        using var peers = Peers(ProtocolId.Ah, ProtocolId.Ah);
        peers.Establish();

        ChildSaInstallation initiator = Assert.Single(peers.InitiatorHost.Installed);
        ChildSaInstallation responder = Assert.Single(peers.ResponderHost.Installed);
        Assert.Equal(ProtocolId.Ah, initiator.Protocol);
        Assert.Equal(ProtocolId.Ah, responder.Protocol);
        Assert.Null(initiator.Encryption);
        Assert.Equal(IntegrityAlgorithms.HmacSha2_256_128, initiator.Integrity);
        Assert.True(initiator.OutboundEncryptionKey.IsEmpty);
        Assert.Equal(IntegrityAlgorithms.HmacSha2_256_128.KeySize, initiator.OutboundIntegrityKey.Length);
        Assert.Equal(initiator.OutboundIntegrityKey.ToArray(), responder.InboundIntegrityKey.ToArray());
        Assert.Equal(responder.OutboundIntegrityKey.ToArray(), initiator.InboundIntegrityKey.ToArray());
        Assert.Equal(initiator.InboundSpi, responder.OutboundSpi);
        Assert.Equal(ProtocolId.Ah, peers.Initiator.ChildSas[0].Protocol);
    }

    [Fact]
    public void An_ah_child_sa_is_rekeyed_and_deleted_as_ah()
    {
        using var peers = Peers(ProtocolId.Ah, ProtocolId.Ah);
        peers.Establish();
        uint oldI = peers.Initiator.ChildSas[0].InboundSpi;
        uint oldR = peers.Responder.ChildSas[0].InboundSpi;

        peers.ToInitiator(peers.ToResponder(peers.ToInitiator(peers.ToResponder(peers.Initiator.RekeyChildSa(oldI)))));
        Assert.Equal([oldI], peers.InitiatorHost.Deleted);
        Assert.Equal([oldR], peers.ResponderHost.Deleted);
        ChildSaReference fresh = Assert.Single(peers.Initiator.ChildSas);
        Assert.Equal(ProtocolId.Ah, fresh.Protocol);

        peers.ToInitiator(peers.ToResponder(peers.Initiator.DeleteChildSa(fresh.InboundSpi)));
        Assert.Empty(peers.Initiator.ChildSas);
        Assert.Empty(peers.Responder.ChildSas);
        Assert.Contains(fresh.InboundSpi, peers.InitiatorHost.Deleted);
    }

    [Fact]
    public void Ah_offered_to_an_esp_only_responder_is_no_proposal_chosen()
    {
        using var peers = Peers(ProtocolId.Ah, ProtocolId.Esp);
        IkeSaOutput end = peers.Establish();

        Assert.Contains(end.Events, e => e.Kind == IkeSaEventKind.ChildSaFailed && e.Message.Contains("NoProposalChosen", StringComparison.Ordinal));
        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        Assert.Empty(peers.ResponderHost.Installed);
    }

    private static TwoPeers Peers(ProtocolId initiator, ProtocolId responder)
    {
        IkeSaSettings i = TwoPeers.Settings(Suites.GcmEcp256, Suites.EspCbcSha256);
        IkeSaSettings r = TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspCbcSha256);
        return new TwoPeers(i with { Child = i.Child with { Protocol = initiator } }, r with { Child = r.Child with { Protocol = responder } });
    }
}
