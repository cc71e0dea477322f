using IpsecTun.Engine.Control;
using IpsecTun.Engine.Plan;
using IpsecTun.Engine.Tests.Plan;

namespace IpsecTun.Engine.Tests.Runtime;

/// <summary>Two endpoints planned from configurations with certificate identities: the tunnel comes up, or the reason it may not is reported.</summary>
public sealed class EndpointCertificateTests : IDisposable
{
    private readonly TestCertificates pki = new();
    private readonly TestCertificates otherPki = new("Other CA");

    public void Dispose()
    {
        pki.Dispose();
        otherPki.Dispose();
    }

    [Fact]
    public void Traffic_crosses_a_tunnel_whose_ends_sign_with_certificates_from_the_trusted_ca()
    {
        using var pair = new TwoEndpoints(Gateway(), Client(pki));

        byte[] sent = TestPackets.Udp("10.2.0.5", "10.1.0.7", 7777, "signed for");
        pair.ClientTun.Inject(sent);
        Assert.Equal(sent, TwoEndpoints.Take(pair.GatewayTun));
        byte[] reply = TestPackets.Udp("10.1.0.7", "10.2.0.5", 7777, "and back");
        pair.GatewayTun.Inject(reply);
        Assert.Equal(reply, TwoEndpoints.Take(pair.ClientTun));

        ViewRow gateway = Assert.Single(pair.Gateway.Show(ViewMenu.ActivePeers, withKeys: false));
        Assert.Equal(("client", "established"), (Value(gateway, "peer"), Value(gateway, "state")));
        Assert.Equal(0, pair.Client.Counters.LoopFaults + pair.Gateway.Counters.LoopFaults);
    }

    [Fact]
    public async Task A_client_certificate_from_another_ca_fails_connect_as_authentication_failed_with_the_reason()
    {
        using var pair = new TwoEndpoints(Gateway(), Client(otherPki));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        ConnectOutcome outcome = await pair.Client.ConnectAsync("gw", new Progress<ConnectPhase>(), timeout.Token);

        Assert.Equal(ConnectResult.AuthenticationFailed, outcome.Result);
        Assert.Equal("authentication failed: IKE_AUTH failed: peer answered AuthenticationFailed", outcome.Message);
        Assert.Empty(pair.Client.Show(ViewMenu.InstalledSa, withKeys: false));
    }

    private static string Value(ViewRow row, string name) => row.Properties.Single(p => p.Key == name).Value;

    private EndpointPlan Gateway() => Plan(pki, "gw", "client", "198.51.100.2", "10.1.0.0/24", "10.2.0.0/24", "fqdn:client.example.net");

    private static EndpointPlan Client(TestCertificates issuer) =>
        Plan(issuer, "client", "gw", "192.0.2.1", "10.2.0.0/24", "10.1.0.0/24", "fqdn:gw.example.net");

    /// <summary>A passive site with one peer, signing with its own certificate of <paramref name="issuer"/> and trusting that CA.</summary>
    private static EndpointPlan Plan(TestCertificates issuer, string self, string peer, string peerAddress, string localNet, string remoteNet, string remoteId)
    {
        string json = $$"""
            {
              "ip": { "ipsec": {
                "peer":     [ { "name": "{{peer}}", "address": "{{peerAddress}}/32", "exchange-mode": "ike2", "passive": "yes" } ],
                "identity": [ { "peer": "{{peer}}", "auth-method": "digital-signature", "certificate": "own", "remote-id": "{{remoteId}}" } ],
                "policy":   [ { "src-address": "{{localNet}}", "dst-address": "{{remoteNet}}", "tunnel": "yes", "peer": "{{peer}}" } ] } },
              "certificate": [ { "name": "ca", "file": "ca.pem" }, { "name": "own", "file": "own.pem", "key-file": "own.key" } ]
            }
            """;
        EndpointPlanResult result = ConfigurationText.Build(json, directory =>
        {
            issuer.WriteCa(directory, "ca.pem");
            issuer.WritePem(directory, "own", $"CN={self}", $"{self}.example.net").Dispose();
        });
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return result.Plan;
    }
}
