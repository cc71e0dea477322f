using System.Net;
using IpsecTun.Config;
using IpsecTun.Core;
using IpsecTun.Crypto;
using IpsecTun.Engine.Plan;
using IpsecTun.Esp;
using IpsecTun.Ike.Settings;
using IkeSelector = IpsecTun.Ike.Messages.TrafficSelector;
using PolicyLevel = IpsecTun.Esp.PolicyLevel;

namespace IpsecTun.Engine.Tests.Runtime;

/// <summary>
/// Hand-built plans for a site-to-site pair: a gateway at 192.0.2.1 with 10.1.0.0/24 behind it and a
/// client at 198.51.100.2 with 10.2.0.0/24, PSK, AES-128-GCM and ECP-256, tunnel mode.
/// </summary>
internal static partial class TestPlans
{
    public static readonly IPAddress GatewayAddress = IPAddress.Parse("192.0.2.1");
    public static readonly IPAddress ClientAddress = IPAddress.Parse("198.51.100.2");
    public const string GatewayNet = "10.1.0.0/24";
    public const string ClientNet = "10.2.0.0/24";

    private static readonly Lazy<IpsecConfiguration> Configuration = new(() => LoadConfiguration(500, 4500));

    /// <summary>The retransmission policy of the tests: answers are due within 1 s, 2 s; then the peer is dead.</summary>
    public static RetransmissionSettings Retransmission { get; } = new(TimeSpan.FromSeconds(1), 2);

    public static EndpointPlan Client(
        bool passive, TimeSpan? dpd = null, string fingerprint = "1", string psk = "shared secret", string gatewayNet = GatewayNet, string? gatewayName = null) =>
        Build(new Site("gw", GatewayAddress, 500, null, Configuration.Value, gatewayName), ClientNet, gatewayNet, "client.example", passive, dpd, fingerprint, psk);

    public static EndpointPlan Gateway(bool passive = true, string clientNet = ClientNet, string psk = "shared secret", string gatewayNet = GatewayNet) =>
        Build(new Site("client", ClientAddress, 500, null, Configuration.Value), gatewayNet, clientNet, "gateway.example", passive, dpd: null, "1", psk);

    /// <summary>Both ends on 127.0.0.1: each listens on its own pair of ports and sends to the other's IKE port.</summary>
    public static (EndpointPlan Gateway, EndpointPlan Client) OnLoopback(int gatewayPort, int clientPort, bool ah = false)
    {
        IPAddress loopback = IPAddress.Loopback;
        EndpointPlan gateway = Build(
            new Site("client", loopback, clientPort, loopback, LoadConfiguration(gatewayPort, gatewayPort + 1)), [(GatewayNet, ClientNet)], "gateway.example", true, null, "1", "shared secret", ah: ah);
        EndpointPlan client = Build(
            new Site("gw", loopback, gatewayPort, loopback, LoadConfiguration(clientPort, clientPort + 1)), [(ClientNet, GatewayNet)], "client.example", true, null, "1", "shared secret", ah: ah);
        return (gateway, client);
    }

    /// <summary>
    /// The gateway on <paramref name="gateway"/>, the client on <paramref name="client"/> (both loopback
    /// addresses), each listening on the same IKE and NAT-T ports, both forcing ESP into UDP as a host without
    /// raw ESP plans it.
    /// </summary>
    public static (EndpointPlan Gateway, EndpointPlan Client) ForcedIntoUdp(IPAddress gateway, IPAddress client, int ikePort)
    {
        IpsecConfiguration configuration = LoadConfiguration(ikePort, ikePort + 1);
        EndpointPlan gatewayPlan = Build(
            new Site("client", client, ikePort, gateway, configuration), [(GatewayNet, ClientNet)], "gateway.example", true, null, "1", "shared secret", forceUdpEncapsulation: true);
        EndpointPlan clientPlan = Build(
            new Site("gw", gateway, ikePort, client, configuration), [(ClientNet, GatewayNet)], "client.example", true, null, "1", "shared secret", forceUdpEncapsulation: true);
        return (gatewayPlan, clientPlan);
    }

    /// <summary>
    /// Both sides with two policies towards each other: the usual networks and 10.1.1.0/24 === 10.2.1.0/24, so the
    /// peer has two Child SAs. The client initiates at start unless <paramref name="clientPassive"/>.
    /// </summary>
    public static (EndpointPlan Gateway, EndpointPlan Client) TwoSubnetPairs(bool clientPassive)
    {
        EndpointPlan gateway = Build(
            new Site("client", ClientAddress, 500, null, Configuration.Value), [(GatewayNet, ClientNet), ("10.1.1.0/24", "10.2.1.0/24")],
            "gateway.example", true, null, "1", "shared secret");
        EndpointPlan client = Build(
            new Site("gw", GatewayAddress, 500, null, Configuration.Value), [(ClientNet, GatewayNet), ("10.2.1.0/24", "10.1.1.0/24")],
            "client.example", clientPassive, null, "1", "shared secret");
        return (gateway, client);
    }

    /// <summary>
    /// The client with two nested policies towards the gateway's network, in this order: 10.2.0.0/24 === 10.1.0.0/24 at
    /// <paramref name="narrowLevel"/>, then 10.2.0.0/16 === 10.1.0.0/16 (require); the gateway has only the /24 pair, so
    /// it narrows the client's second Child SA to the first policy's selectors. The client initiates at start.
    /// </summary>
    public static (EndpointPlan Gateway, EndpointPlan Client) NestedClientPolicies(PolicyLevel narrowLevel)
    {
        EndpointPlan client = Build(
            new Site("gw", GatewayAddress, 500, null, Configuration.Value), [(ClientNet, GatewayNet), ("10.2.0.0/16", "10.1.0.0/16")],
            "client.example", false, null, "1", "shared secret", [narrowLevel, PolicyLevel.Require]);
        return (Gateway(), client);
    }

    private static EndpointPlan Build(
        Site site, string localNet, string remoteNet, string localId, bool passive, TimeSpan? dpd, string fingerprint, string psk) =>
        Build(site, [(localNet, remoteNet)], localId, passive, dpd, fingerprint, psk);

    private static EndpointPlan Build(
        Site site, (string Local, string Remote)[] nets, string localId, bool passive, TimeSpan? dpd, string fingerprint, string psk,
        PolicyLevel[]? levels = null, bool forceUdpEncapsulation = false, bool ah = false)
    {
        (string peerName, IPAddress peerAddress) = (site.PeerName, site.PeerAddress);
        List<ChildPlan> children = [.. nets.Select((n, i) => new ChildPlan(
            new SecurityPolicy(new TrafficSelector(IpPrefix.Parse(n.Local), IpPrefix.Parse(n.Remote)))
            {
                Tunnel = true,
                SaDestination = peerAddress,
                Peer = peerName,
                Level = levels?[i] ?? PolicyLevel.Require,
                Protocols = ah ? IpsecProtocols.Ah : IpsecProtocols.Esp,
            },
            new ChildSaSettings(
                [ah ? new ChildProposalSettings([Aes128Gcm], [IntegrityAlgorithms.HmacSha2_256_128]) : new ChildProposalSettings([Aes128Gcm], [])],
                [Range(n.Local)], [Range(n.Remote)], ChildSaMode.Tunnel, TimeSpan.FromHours(1),
                ah ? IpsecTun.Ike.Messages.ProtocolId.Ah : IpsecTun.Ike.Messages.ProtocolId.Esp, Unique: levels?[i] == PolicyLevel.Unique)))];
        var settings = new IkeSaSettings(
            [new IkeProposalSettings([Aes128Gcm], [PrfAlgorithms.HmacSha2_256], [], [Ecp256])],
            IkeIdentity.FromFqdn(localId),
            null,
            new PreSharedKey(System.Text.Encoding.UTF8.GetBytes(psk)),
            children[0].Settings,
            TimeSpan.FromHours(8),
            Retransmission,
            dpd,
            AdditionalChildren: children.Count > 1 ? [.. children.Skip(1).Select(c => c.Settings)] : null,
            NatTraversalPort: site.Configuration.Endpoint.Listen.NatTPort,
            ForceUdpEncapsulation: forceUdpEncapsulation);
        var peer = new PeerPlan(
            peerName, site.HostName is null ? new PeerAddress(new IPNetwork(peerAddress, peerAddress.GetAddressBytes().Length * 8), null) : new PeerAddress(null, site.HostName), site.RemotePort, site.LocalAddress, passive, settings, children, fingerprint);
        return new EndpointPlan(site.Configuration, [peer], new FixedResponders(peerAddress, settings), [.. children.Select(c => c.Policy)]);
    }

    private static IkeSelector Range(string prefix) => PolicyMapper.AnySelector(IPNetwork.Parse(prefix));

    private static EncryptionAlgorithm Aes128Gcm =>
        TransformRegistry.TryGetEncryption(EncryptionTransformId.AesGcm16, 128, out EncryptionAlgorithm? a) ? a : throw new InvalidOperationException("AES-GCM");

    private static KeyExchangeGroup Ecp256 =>
        TransformRegistry.TryGetKeyExchange(KeyExchangeGroupId.Ecp256, out KeyExchangeGroup? g) ? g : throw new InvalidOperationException("ECP-256");

    private static IpsecConfiguration LoadConfiguration(int ikePort, int natTraversalPort)
    {
        string path = Path.Combine(Path.GetTempPath(), $"ipsectun-engine-test-{Environment.ProcessId}-{ikePort}.json");
        File.WriteAllText(path, $$"""
            { "ipsectun": { "interface": { "name": "ipsec0", "mtu": 1380 }, "listen": { "ike-port": {{ikePort}}, "nat-t-port": {{natTraversalPort}} } } }
            """);
        try
        {
            ConfigurationLoadResult result = ConfigurationLoader.Load(new ConfigurationLoadOptions(path, [], "ENGINE_TEST_UNUSED_"));
            return result.Configuration ?? throw new InvalidOperationException(string.Join(Environment.NewLine, result.Errors));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Where the one peer of a plan is and how this side reaches it.</summary>
    private sealed record Site(string PeerName, IPAddress PeerAddress, int RemotePort, IPAddress? LocalAddress, IpsecConfiguration Configuration, string? HostName = null);
}
