using System.Net;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Tests.TwoPeer;

/// <summary>
/// The mode-config responder answering from what the host assigns per client (as a server with address pools
/// does), and a host that generates policies checking the initiator's traffic selectors.
/// </summary>
public sealed class ModeConfigServerTests
{
    private static readonly IPAddress PoolAddress = IPAddress.Parse("192.168.77.10");

    [Fact]
    public void The_host_assigns_address_netmask_dns_and_split_networks_and_the_responder_keeps_what_it_gave()
    {
        var server = new Server();
        using var peers = new TwoPeers(Client("alice.example"), server);

        peers.Establish();

        Assert.Equal(["alice.example"], server.Asked.Select(a => a.Id));
        Assert.Equal(new ModeConfigRequest(), server.Asked[0].Requested);
        ModeConfigResult client = Assert.IsType<ModeConfigResult>(peers.Initiator.ModeConfig);
        Assert.Equal([PoolAddress], client.Addresses);
        Assert.Equal(24, client.Ip4PrefixLength);
        Assert.Equal([IPAddress.Parse("10.1.0.53")], client.DnsServers);
        Assert.Equal([IPNetwork.Parse("10.1.0.0/16")], client.SplitNetworks);
        // The host offered an IPv6 address too, which the client did not ask for: it is neither sent nor kept.
        ModeConfigResult given = Assert.IsType<ModeConfigResult>(peers.Responder.ModeConfig);
        Assert.Equal([PoolAddress], given.Addresses);
        Assert.Equal("alice.example", peers.Responder.PeerIdentity?.ToString());
        Assert.Equal("responder.example", peers.Initiator.PeerIdentity?.ToString());

        string vip = TwoPeers.Range("192.168.77.10-192.168.77.10").ToString();
        Assert.Equal([vip], peers.ResponderHost.Installed[0].RemoteSelectors.Select(s => s.ToString()));
        Assert.Equal([vip], peers.InitiatorHost.Installed[0].LocalSelectors.Select(s => s.ToString()));
        // The generating host saw TSi already narrowed to the address it gave.
        Assert.Equal([vip], server.Proposed.Single().Initiator.Select(s => s.ToString()));
    }

    [Fact]
    public void A_client_that_cannot_get_an_address_is_answered_internal_address_failure_and_keeps_its_ike_sa()
    {
        var server = new Server { Exhausted = true };
        using var peers = new TwoPeers(Client("alice.example"), server);

        IkeSaOutput end = peers.Establish();

        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        Assert.Equal(IkeSaState.Established, peers.Responder.State);
        Assert.Empty(peers.ResponderHost.Installed);
        Assert.Empty(peers.InitiatorHost.Installed);
        Assert.Null(peers.Responder.ModeConfig);
        Assert.Contains(end.Events, e => e.Kind == IkeSaEventKind.ChildSaFailed);
    }

    [Fact]
    public void Generated_selectors_narrow_the_proposal_and_a_refusal_is_ts_unacceptable()
    {
        var narrowing = new Server { Responder = TwoPeers.Range("10.1.2.0-10.1.2.255") };
        using (var peers = new TwoPeers(Client("alice.example"), narrowing))
        {
            peers.Establish();
            Assert.Equal(
                [TwoPeers.Range("10.1.2.0-10.1.2.255").ToString()],
                peers.InitiatorHost.Installed.Single().RemoteSelectors.Select(s => s.ToString()));
        }

        var refusing = new Server { Refuse = true };
        using (var peers = new TwoPeers(Client("alice.example"), refusing))
        {
            IkeSaOutput end = peers.Establish();
            Assert.Equal(IkeSaState.Established, peers.Initiator.State);
            Assert.Empty(peers.ResponderHost.Installed);
            Assert.Contains(end.Events, e => e.Kind == IkeSaEventKind.ChildSaFailed && e.Message.Contains("TsUnacceptable", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_generating_host_cannot_widen_what_the_initiator_proposed()
    {
        var widening = new Server { Responder = TwoPeers.Range("0.0.0.0-255.255.255.255") };
        using var peers = new TwoPeers(Client("alice.example", remoteNet: "10.1.0.0-10.1.255.255"), widening);

        IkeSaOutput end = peers.Establish();

        Assert.Empty(peers.ResponderHost.Installed);
        Assert.Contains(end.Events, e => e.Kind == IkeSaEventKind.ChildSaFailed && e.Message.Contains("TsUnacceptable", StringComparison.Ordinal));
    }

    [Fact]
    public void A_later_child_sa_of_the_client_is_narrowed_to_its_assigned_address()
    {
        using var peers = new TwoPeers(Client("alice.example"), new Server());
        peers.Establish();

        peers.ToInitiator(peers.ToResponder(peers.Initiator.CreateChildSa()));

        Assert.Equal(2, peers.ResponderHost.Installed.Count);
        Assert.Equal(
            [TwoPeers.Range("192.168.77.10-192.168.77.10").ToString()],
            peers.ResponderHost.Installed[1].RemoteSelectors.Select(s => s.ToString()));
    }

    [Fact]
    public void An_ipv6_prefix_per_client_goes_with_its_length_and_tsi_covers_the_prefix()
    {
        var server = new Server { Ip6PrefixLength = 64 };
        using var peers = new TwoPeers(
            Client("alice.example", localNet6: true) with { ModeConfig = new ModeConfigRequest(Ip4Address: false, Ip6Address: true) },
            server);

        peers.Establish();

        Assert.Equal([IPAddress.Parse("fd00:77:0:5::")], peers.Initiator.ModeConfig?.Addresses);
        Assert.Equal(
            [TwoPeers.Range("fd00:77:0:5::-fd00:77:0:5:ffff:ffff:ffff:ffff").ToString()],
            peers.ResponderHost.Installed.Single().RemoteSelectors.Select(s => s.ToString()));
    }

    private static IkeSaSettings Client(string id, string remoteNet = "0.0.0.0-255.255.255.255", bool localNet6 = false)
    {
        IkeSaSettings settings = TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm, localId: id, localNet: "0.0.0.0-255.255.255.255", remoteNet: remoteNet)
            with { ModeConfig = new ModeConfigRequest() };
        return localNet6
            ? settings with { Child = settings.Child with { RemoteSelectors = [TwoPeers.Range("::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")] } }
            : settings;
    }

    /// <summary>A host that answers every client from one pool entry, optionally exhausted, and generates selectors.</summary>
    private sealed class Server : IResponderConfiguration
    {
        public bool Exhausted { get; init; }

        public bool Refuse { get; init; }

        public int Ip6PrefixLength { get; init; } = 128;

        /// <summary>The TSr to agree on; null: what was proposed.</summary>
        public TrafficSelector? Responder { get; init; }

        public List<(string Id, ModeConfigRequest Requested)> Asked { get; } = [];

        public List<GeneratedSelectors> Proposed { get; } = [];

        public IkeSaSettings? FindPeer(IPEndPoint local, IPEndPoint remote) =>
            TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm);

        public IkeSaSettings? FindIdentity(IkeSaSettings peer, IdentificationPayload initiatorId) => peer;

        public ModeConfigResult? AssignModeConfig(IkeSaSettings identity, IkeIdentity initiatorId, ModeConfigRequest requested)
        {
            Asked.Add((initiatorId.ToString(), requested));
            return Exhausted
                ? new ModeConfigResult([], [IPAddress.Parse("10.1.0.53")], [])
                : new ModeConfigResult(
                    [PoolAddress, IPAddress.Parse("fd00:77:0:5::")], [IPAddress.Parse("10.1.0.53")], [IPNetwork.Parse("10.1.0.0/16")], 24, Ip6PrefixLength);
        }

        public GeneratedSelectors? GenerateSelectors(IkeSaSettings identity, IReadOnlyList<TrafficSelector> initiator, IReadOnlyList<TrafficSelector> responder)
        {
            Proposed.Add(new GeneratedSelectors(initiator, responder));
            return Refuse ? GeneratedSelectors.Refused : new GeneratedSelectors(initiator, Responder is null ? responder : [Responder]);
        }
    }
}
