using System.Net;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Tests.TwoPeer;

public sealed class ResponderConfigurationTests
{
    [Fact]
    public void The_responder_takes_the_secret_of_the_identity_the_initiator_claims()
    {
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm, psk: "bob's secret", localId: "bob.example"),
            new Identities());

        peers.Establish();

        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        Assert.Equal(IkeSaState.Established, peers.Responder.State);
        Assert.Single(peers.ResponderHost.Installed);
    }

    [Fact]
    public void An_unknown_identity_is_refused_with_authentication_failed()
    {
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm, psk: "bob's secret", localId: "carol.example"),
            new Identities());

        IkeSaOutput authResponse = peers.ToResponder(peers.ToInitiator(peers.ToResponder(peers.Initiator.Start())));

        Assert.Equal(IkeSaState.Failed, peers.Responder.State);
        Assert.Contains(authResponse.Events, e => e.Message == "no identity matches carol.example");
        peers.ToInitiator(authResponse);
        Assert.Equal(IkeSaState.Failed, peers.Initiator.State);
    }

    [Fact]
    public void No_responder_is_created_for_an_address_no_peer_covers()
    {
        var elsewhere = new IPEndPoint(IPAddress.Parse("203.0.113.50"), 500);

        IkeSa? responder = IkeSa.CreateResponder(
            new Identities(), new FakeChildSaHost(1), TwoPeers.ResponderEndpoint, elsewhere, new CountingRandom(5), TimeProvider.System);

        Assert.Null(responder);
    }

    /// <summary>One peer for 192.0.2.0/24 with a shared peer secret, and per-identity secrets for alice and bob.</summary>
    private sealed class Identities : IResponderConfiguration
    {
        private static readonly IPNetwork Peers = IPNetwork.Parse("192.0.2.0/24");

        public IkeSaSettings? FindPeer(IPEndPoint local, IPEndPoint remote) =>
            Peers.Contains(remote.Address) ? TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm, psk: "peer default") : null;

        public IkeSaSettings? FindIdentity(IkeSaSettings peer, IdentificationPayload initiatorId) =>
            initiatorId.TryGetText(out string? name) && name is "alice.example" or "bob.example"
                ? peer with { PreSharedKey = new PreSharedKey(System.Text.Encoding.UTF8.GetBytes(name[..name.IndexOf('.', StringComparison.Ordinal)] + "'s secret")) }
                : null;
    }
}
