using System.Net;
using IpsecTun.Crypto;
using IpsecTun.Engine.Plan;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Tests.Plan;

/// <summary>
/// auth-method=eap and eap-radius planned from configuration text, and the plans' settings run against each other
/// in one process with the real EAP methods (the built-in server with eap-user entries).
/// </summary>
public sealed class EapPlanTests
{
    private static readonly IPEndPoint GatewayEndpoint = new(IPAddress.Parse("192.0.2.1"), 500);
    private static readonly IPEndPoint ClientEndpoint = new(IPAddress.Parse("198.51.100.2"), 500);

    [Fact]
    public void An_eap_client_runs_its_methods_and_expects_the_gateway_certificate()
    {
        IkeSaSettings client = Assert.Single(ConfigurationText.Plan(Client("eap-mschapv2", "secret")).Peers).Settings;

        Assert.Equal(IkeAuthMethod.Eap, client.AuthMethod);
        Assert.Equal(IkeAuthMethod.DigitalSignature, client.ExpectedRemoteAuthMethod);
        Assert.NotNull(client.EapClient);
        Assert.NotNull(client.PeerValidation);
    }

    [Fact]
    public void An_eap_radius_gateway_without_a_certificate_authenticates_by_eap_only()
    {
        IkeSaSettings gateway = GatewaySettings(Gateway("eap-mschapv2"));

        Assert.Equal(IkeAuthMethod.Eap, gateway.AuthMethod);
        Assert.Equal(IkeAuthMethod.Eap, gateway.ExpectedRemoteAuthMethod);
        Assert.NotNull(gateway.EapAuthenticator);
    }

    [Theory]
    [InlineData("eap-mschapv2")]
    [InlineData("eap-md5")]
    [InlineData("eap-gtc")]
    public void The_built_in_server_authenticates_a_user_manager_user(string method)
    {
        // EAP-MD5 and EAP-GTC derive no MSK, which EAP-only refuses: the client trusts the gateway by its PSK-less
        // EAP-only AUTH only with MS-CHAPv2, so for those two the test checks the refusal.
        (IkeSa initiator, IkeSa responder, List<string> log) = Run(Client(method, "secret"), Gateway(method));

        if (method == "eap-mschapv2")
        {
            Assert.Equal(IkeSaState.Established, initiator.State);
            Assert.Equal(IkeSaState.Established, responder.State);
            Assert.Equal("alice", responder.EapIdentity);
        }
        else
        {
            Assert.NotEqual(IkeSaState.Established, initiator.State);
            Assert.Contains(log, l => l.Contains("EAP-only authentication needs a method that derives an MSK", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_wrong_password_is_refused_by_the_built_in_server()
    {
        (IkeSa initiator, IkeSa responder, List<string> log) = Run(Client("eap-mschapv2", "guess"), Gateway("eap-mschapv2"));

        Assert.Equal(IkeSaState.Failed, responder.State);
        Assert.Equal(IkeSaState.Failed, initiator.State);
        Assert.Contains(log, l => l.StartsWith("EAP authentication failed", StringComparison.Ordinal));
    }

    [Fact]
    public void An_eap_radius_gateway_with_a_radius_server_relays_to_it()
    {
        string json = Gateway("eap-mschapv2").Replace(
            "\"eap-user\"", "\"radius\": [ { \"address\": \"127.0.0.1\", \"secret\": \"radius secret\", \"service\": \"ipsec\" } ], \"eap-user\"",
            StringComparison.Ordinal);

        IkeSaSettings gateway = GatewaySettings(json);

        Assert.NotNull(gateway.EapAuthenticator);
        Assert.Equal(IkeAuthMethod.Eap, gateway.ExpectedRemoteAuthMethod);
    }

    private static (IkeSa Initiator, IkeSa Responder, List<string> Log) Run(string clientJson, string gatewayJson)
    {
        // The gateway has no certificate, so the client must accept EAP-only for this in-process run.
        IkeSaSettings client = Assert.Single(ConfigurationText.Plan(clientJson).Peers).Settings with { RemoteAuthMethod = IkeAuthMethod.Eap };
        EndpointPlan gateway = ConfigurationText.Plan(gatewayJson);
        IkeSa initiator = IkeSa.CreateInitiator(client, new NullChildSaHost(), ClientEndpoint, GatewayEndpoint, RandomSource.System, TimeProvider.System);
        IkeSa responder = IkeSa.CreateResponder(gateway.Responders, new NullChildSaHost(), GatewayEndpoint, ClientEndpoint, RandomSource.System, TimeProvider.System)!;
        var log = new List<string>();
        IkeSaOutput output = initiator.Start();
        for (int hop = 0; output.Datagrams.Count > 0 && hop < 40; hop++)
        {
            IkeSa receiver = hop % 2 == 0 ? responder : initiator;
            var next = new IkeSaOutput();
            foreach (OutboundDatagram datagram in output.Datagrams)
            {
                IkeSaOutput answer = receiver.Receive(datagram.Data.Span, datagram.From, datagram.To);
                next.Datagrams.AddRange(answer.Datagrams);
                log.AddRange(answer.Events.Select(e => e.Message));
            }

            output = next;
        }

        return (initiator, responder, log);
    }

    private static IkeSaSettings GatewaySettings(string json)
    {
        EndpointPlan plan = ConfigurationText.Plan(json);
        IkeSa responder = IkeSa.CreateResponder(plan.Responders, new NullChildSaHost(), GatewayEndpoint, ClientEndpoint, RandomSource.System, TimeProvider.System)!;
        IkeSaSettings peer = plan.Responders.FindPeer(GatewayEndpoint, ClientEndpoint)!;
        responder.Dispose();
        return plan.Responders.FindIdentity(peer, IkeIdentity.FromFqdn("client.example").ToPayload(PayloadType.IdInitiator))!;
    }

    private static string Client(string method, string password) => $$"""
        {
          "ip": { "ipsec": {
            "peer":     [ { "name": "gw", "address": "192.0.2.1/32", "exchange-mode": "ike2", "passive": "yes" } ],
            "identity": [ { "peer": "gw", "auth-method": "eap", "eap-methods": "{{method}}", "username": "alice", "password": "{{password}}",
                            "my-id": "fqdn:client.example" } ],
            "policy":   [ { "peer": "gw", "src-address": "10.2.0.0/24", "dst-address": "10.1.0.0/24", "tunnel": "yes" } ] } }
        }
        """;

    private static string Gateway(string method) => $$"""
        {
          "ip": { "ipsec": {
            "peer":     [ { "name": "rw", "address": "0.0.0.0/0", "exchange-mode": "ike2", "passive": "yes" } ],
            "identity": [ { "peer": "rw", "auth-method": "eap-radius", "eap-methods": "{{method}}", "generate-policy": "port-strict",
                            "my-id": "fqdn:gateway.example" } ] } },
          "eap-user": [ { "name": "alice", "password": "secret" } ]
        }
        """;

    private sealed class NullChildSaHost : IChildSaHost
    {
        private uint _next = 0xc0000000;

        public uint AllocateSpi(ProtocolId protocol) => ++_next;

        public void Install(ChildSaInstallation childSa) => childSa.Dispose();

        public void Delete(ProtocolId protocol, uint inboundSpi)
        {
        }
    }
}
