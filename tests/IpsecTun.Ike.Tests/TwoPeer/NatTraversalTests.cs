using System.Net;
using IpsecTun.Ike.Sa;

namespace IpsecTun.Ike.Tests.TwoPeer;

public sealed class NatTraversalTests
{
    [Fact]
    public void A_nat_in_front_of_the_initiator_is_detected_and_ike_moves_to_port_4500()
    {
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm),
            TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm),
            initiatorBehindNat: true);

        IkeSaOutput initResponse = peers.ToResponder(peers.Initiator.Start());
        Assert.True(peers.Responder.RemoteBehindNat);
        Assert.False(peers.Responder.LocalBehindNat);
        Assert.Equal(new IPEndPoint(TwoPeers.NatAddress, 1024), Assert.Single(initResponse.Datagrams).To);

        IkeSaOutput authRequest = peers.ToInitiator(initResponse);
        Assert.True(peers.Initiator.LocalBehindNat);
        Assert.False(peers.Initiator.RemoteBehindNat);
        OutboundDatagram auth = Assert.Single(authRequest.Datagrams);
        Assert.Equal(4500, auth.From.Port);
        Assert.Equal(new IPEndPoint(TwoPeers.ResponderEndpoint.Address, 4500), auth.To);

        IkeSaOutput authResponse = peers.ToResponder(authRequest);
        Assert.Equal(IkeSaState.Established, peers.Responder.State);
        Assert.Equal(new IPEndPoint(TwoPeers.NatAddress, 40000), Assert.Single(authResponse.Datagrams).To);
        Assert.Equal(4500, Assert.Single(authResponse.Datagrams).From.Port);

        peers.ToInitiator(authResponse);
        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        ChildSaInstallation i = Assert.Single(peers.InitiatorHost.Installed);
        ChildSaInstallation r = Assert.Single(peers.ResponderHost.Installed);
        Assert.True(i.UdpEncapsulation);
        Assert.True(r.UdpEncapsulation);
        Assert.Equal(new IPEndPoint(TwoPeers.ResponderEndpoint.Address, 4500), i.Remote);
        Assert.Equal(new IPEndPoint(TwoPeers.NatAddress, 40000), r.Remote);
    }

    [Fact]
    public void Without_a_nat_ike_stays_on_port_500_and_esp_is_not_encapsulated()
    {
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm),
            TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm));

        peers.Establish();

        Assert.Equal(500, peers.Initiator.Remote.Port);
        Assert.False(Assert.Single(peers.InitiatorHost.Installed).UdpEncapsulation);
        Assert.False(Assert.Single(peers.ResponderHost.Installed).UdpEncapsulation);
    }

    [Fact]
    public void Forced_encapsulation_makes_both_sides_see_a_nat_that_is_not_there_and_uses_the_configured_nat_t_port()
    {
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm) with { ForceUdpEncapsulation = true, NatTraversalPort = 4600 },
            TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm));

        IkeSaOutput initResponse = peers.ToResponder(peers.Initiator.Start());
        Assert.True(peers.Responder.RemoteBehindNat);
        Assert.False(peers.Responder.LocalBehindNat);

        IkeSaOutput authRequest = peers.ToInitiator(initResponse);
        Assert.True(peers.Initiator.LocalBehindNat);
        Assert.False(peers.Initiator.RemoteBehindNat);
        OutboundDatagram auth = Assert.Single(authRequest.Datagrams);
        Assert.Equal(new IPEndPoint(TwoPeers.InitiatorEndpoint.Address, 4600), auth.From);
        Assert.Equal(new IPEndPoint(TwoPeers.ResponderEndpoint.Address, 4600), auth.To);

        peers.ToInitiator(peers.ToResponder(authRequest));
        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        Assert.True(Assert.Single(peers.InitiatorHost.Installed).UdpEncapsulation);
        Assert.True(Assert.Single(peers.ResponderHost.Installed).UdpEncapsulation);
    }
}
