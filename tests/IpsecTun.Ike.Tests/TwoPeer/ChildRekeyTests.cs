using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;

namespace IpsecTun.Ike.Tests.TwoPeer;

public sealed class ChildRekeyTests
{
    [Fact]
    public void Rekeying_a_child_sa_installs_fresh_keys_on_both_sides_then_deletes_the_old_one()
    {
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.CbcSha256Modp2048, Suites.EspCbcSha256),
            TwoPeers.ResponderSettings(Suites.CbcSha256Modp2048, Suites.EspCbcSha256));
        peers.Establish();
        ChildSaInstallation oldI = peers.InitiatorHost.Installed[0];
        ChildSaInstallation oldR = peers.ResponderHost.Installed[0];

        IkeSaOutput request = peers.Initiator.RekeyChildSa(oldI.InboundSpi);
        Assert.Equal(ExchangeType.CreateChildSa, Header(request).ExchangeType);
        Assert.Equal(2u, Header(request).MessageId);

        IkeSaOutput response = peers.ToResponder(request);
        Assert.Equal(2, peers.ResponderHost.Installed.Count);
        Assert.Equal(2, peers.Responder.ChildSas.Count);
        Assert.Empty(peers.ResponderHost.Deleted);

        IkeSaOutput delete = peers.ToInitiator(response);
        Assert.Equal(2, peers.InitiatorHost.Installed.Count);
        Assert.Equal(ExchangeType.Informational, Header(delete).ExchangeType);
        Assert.Equal(3u, Header(delete).MessageId);

        IkeSaOutput deleteResponse = peers.ToResponder(delete);
        Assert.Equal([oldR.InboundSpi], peers.ResponderHost.Deleted);
        peers.ToInitiator(deleteResponse);
        Assert.Equal([oldI.InboundSpi], peers.InitiatorHost.Deleted);

        ChildSaInstallation newI = peers.InitiatorHost.Installed[1];
        ChildSaInstallation newR = peers.ResponderHost.Installed[1];
        Assert.Equal(newI.InboundSpi, newR.OutboundSpi);
        Assert.Equal(newR.InboundSpi, newI.OutboundSpi);
        Assert.NotEqual(oldI.InboundSpi, newI.InboundSpi);
        Assert.Equal(newI.OutboundEncryptionKey.ToArray(), newR.InboundEncryptionKey.ToArray());
        Assert.Equal(newR.OutboundIntegrityKey.ToArray(), newI.InboundIntegrityKey.ToArray());
        Assert.NotEqual(oldI.OutboundEncryptionKey.ToArray(), newI.OutboundEncryptionKey.ToArray());
        Assert.Equal(oldI.LocalSelectors.Select(s => s.ToString()), newI.LocalSelectors.Select(s => s.ToString()));
        Assert.Equal([newI.InboundSpi], peers.Initiator.ChildSas.Select(c => c.InboundSpi));
        Assert.Equal([newR.InboundSpi], peers.Responder.ChildSas.Select(c => c.InboundSpi));
        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        Assert.Equal(IkeSaState.Established, peers.Responder.State);
    }

    [Fact]
    public void A_child_sa_is_rekeyed_when_nine_tenths_of_its_lifetime_have_passed()
    {
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm, childLifetime: TimeSpan.FromMinutes(60)),
            TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm, childLifetime: TimeSpan.FromHours(2)));
        peers.Establish();
        uint oldSpi = peers.Initiator.ChildSas[0].InboundSpi;

        peers.Time.Advance(TimeSpan.FromMinutes(54) - TimeSpan.FromSeconds(1));
        Assert.Empty(peers.Initiator.Tick().Datagrams);
        Assert.Empty(peers.Responder.Tick().Datagrams);
        peers.Time.Advance(TimeSpan.FromSeconds(1));
        IkeSaOutput rekey = peers.Initiator.Tick();
        Assert.Equal(ExchangeType.CreateChildSa, Header(rekey).ExchangeType);

        peers.ToInitiator(peers.ToResponder(peers.ToInitiator(peers.ToResponder(rekey))));
        ChildSaReference fresh = Assert.Single(peers.Initiator.ChildSas);
        Assert.NotEqual(oldSpi, fresh.InboundSpi);
        Assert.Equal(fresh.OutboundSpi, Assert.Single(peers.Responder.ChildSas).InboundSpi);
        Assert.Equal([oldSpi], peers.InitiatorHost.Deleted);
        Assert.Empty(peers.Initiator.Tick().Datagrams);
    }

    [Fact]
    public void The_ike_responder_can_rekey_a_child_sa_with_its_own_message_ids()
    {
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm, childLifetime: TimeSpan.FromHours(2)),
            TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm, childLifetime: TimeSpan.FromMinutes(10)));
        peers.Establish();
        uint oldSpi = peers.Responder.ChildSas[0].InboundSpi;

        peers.Time.Advance(TimeSpan.FromMinutes(9));
        Assert.Empty(peers.Initiator.Tick().Datagrams);
        IkeSaOutput rekey = peers.Responder.Tick();
        Assert.Equal(ExchangeType.CreateChildSa, Header(rekey).ExchangeType);
        Assert.Equal(0u, Header(rekey).MessageId);
        Assert.False(Header(rekey).IsFromInitiator);

        IkeSaOutput delete = peers.ToResponder(peers.ToInitiator(rekey));
        Assert.Equal(1u, Header(delete).MessageId);
        peers.ToResponder(peers.ToInitiator(delete));
        Assert.Equal([oldSpi], peers.ResponderHost.Deleted);
        Assert.Equal(Assert.Single(peers.Responder.ChildSas).OutboundSpi, Assert.Single(peers.Initiator.ChildSas).InboundSpi);
        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
    }

    [Fact]
    public void A_rekey_with_a_pfs_group_runs_a_fresh_key_exchange()
    {
        var esp = Suites.EspGcm with { PfsGroups = [Suites.Ecp256] };
        using var peers = new TwoPeers(TwoPeers.Settings(Suites.GcmEcp256, esp), TwoPeers.ResponderSettings(Suites.GcmEcp256, esp));
        peers.Establish();
        uint oldSpi = peers.Initiator.ChildSas[0].InboundSpi;

        IkeSaOutput response = peers.ToResponder(peers.Initiator.RekeyChildSa(oldSpi));
        IkeSaOutput delete = peers.ToInitiator(response);
        peers.ToInitiator(peers.ToResponder(delete));
        Assert.Contains(response.Events, e => e.Kind == IkeSaEventKind.ChildSaInstalled && e.Message.Contains("pfs " + Suites.Ecp256.Name, StringComparison.Ordinal));
        Assert.Contains(delete.Events, e => e.Kind == IkeSaEventKind.ChildSaInstalled && e.Message.Contains("pfs " + Suites.Ecp256.Name, StringComparison.Ordinal));

        ChildSaInstallation newI = peers.InitiatorHost.Installed[1];
        ChildSaInstallation newR = peers.ResponderHost.Installed[1];
        Assert.Equal(newI.OutboundEncryptionKey.ToArray(), newR.InboundEncryptionKey.ToArray());
        Assert.Equal(newR.OutboundEncryptionKey.ToArray(), newI.InboundEncryptionKey.ToArray());
        Assert.Equal([oldSpi], peers.InitiatorHost.Deleted);
    }

    [Fact]
    public void A_rekey_without_the_pfs_group_the_responder_requires_is_refused_and_the_old_sa_stays()
    {
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm),
            TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm with { PfsGroups = [Suites.Ecp256] }));
        peers.Establish();
        uint oldSpi = peers.Initiator.ChildSas[0].InboundSpi;

        IkeSaOutput response = peers.ToResponder(peers.Initiator.RekeyChildSa(oldSpi));
        Assert.Contains(response.Events, e => e.Message.Contains("no KeyExchange transform", StringComparison.Ordinal));
        IkeSaOutput end = peers.ToInitiator(response);

        Assert.Contains(end.Events, e => e.Kind == IkeSaEventKind.ChildSaFailed && e.Message.Contains("NoProposalChosen", StringComparison.Ordinal));
        Assert.Empty(end.Datagrams);
        Assert.Equal([oldSpi], peers.Initiator.ChildSas.Select(c => c.InboundSpi));
        Assert.Single(peers.ResponderHost.Installed);
        Assert.Empty(peers.InitiatorHost.Deleted);
    }

    private static IkeHeader Header(IkeSaOutput output) => Wire.Parse(Assert.Single(output.Datagrams).Data.Span).Header;
}
