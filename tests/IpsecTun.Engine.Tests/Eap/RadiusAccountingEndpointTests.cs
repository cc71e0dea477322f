using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using IpsecTun.Eap.Radius;
using IpsecTun.Engine.Control;
using IpsecTun.Engine.Plan;
using IpsecTun.Engine.Tests.Plan;
using IpsecTun.Engine.Tests.Runtime;

namespace IpsecTun.Engine.Tests.Eap;

/// <summary>
/// RADIUS accounting from a gateway with auth-method=eap-radius: an EAP-MSCHAPv2 client on the in-memory network
/// authenticates through a RADIUS server on 127.0.0.1, and that server sees the session's Start, its Interim-Update
/// on the (fake) clock and its Stop with the reason, with the traffic the gateway counted.
/// </summary>
public sealed class RadiusAccountingEndpointTests : IDisposable
{
    private const string Secret = "accounting secret";
    private readonly TestCertificates _pki = new();
    private readonly LoopbackRadiusServer _radius = new(Secret);
    private readonly LoopbackRadiusServer _backup = new(Secret);

    public void Dispose()
    {
        _radius.Dispose();
        _backup.Dispose();
        _pki.Dispose();
    }

    [Fact]
    public void A_session_is_accounted_from_start_through_interim_updates_to_the_stop_the_client_asked_for()
    {
        using var pair = new TwoEndpoints(Gateway(), Client());
        for (int i = 0; i < 3; i++)
        {
            pair.ClientToGateway($"upload {i}");
        }

        pair.GatewayToClient("download");
        TwoEndpoints.Eventually(() => Records(AccountingStatusType.Start).Count == 1, "the Start request");
        ViewRow peer = Assert.Single(pair.Gateway.Show(ViewMenu.ActivePeers, withKeys: false));

        pair.AdvanceUntil(() => Records(AccountingStatusType.InterimUpdate).Count > 0, TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(2));
        Assert.True(pair.Client.Disconnect("gw"));
        TwoEndpoints.Eventually(() => Records(AccountingStatusType.Stop).Count == 1, "the Stop request");

        RadiusPacket start = Records(AccountingStatusType.Start)[0];
        RadiusPacket interim = Records(AccountingStatusType.InterimUpdate)[0];
        RadiusPacket stop = Records(AccountingStatusType.Stop)[0];
        Assert.Equal(start.Identifier, _radius.Accounting[0].Identifier);
        Assert.All([start, interim, stop], r => Assert.Equal(Text(start, RadiusAttributeType.AcctSessionId), Text(r, RadiusAttributeType.AcctSessionId)));
        Assert.All([start, interim, stop], r => Assert.Equal(LoopbackRadiusServer.User, Text(r, RadiusAttributeType.UserName)));
        Assert.All([start, interim, stop], r => Assert.Equal("radius-class", Text(r, RadiusAttributeType.Class)));
        Assert.All([start, interim, stop], r => Assert.Equal(TestPlans.GatewayAddress.GetAddressBytes(), Value(r, RadiusAttributeType.NasIpAddress)));
        Assert.DoesNotContain(start.Attributes, a => a.Type == RadiusAttributeType.AcctInputOctets);
        foreach (RadiusPacket counted in new[] { interim, stop })
        {
            Assert.Equal(Number(peer, "rx-bytes"), Integer(counted, RadiusAttributeType.AcctInputOctets));
            Assert.Equal(Number(peer, "tx-bytes"), Integer(counted, RadiusAttributeType.AcctOutputOctets));
            Assert.Equal(3, Integer(counted, RadiusAttributeType.AcctInputPackets));
            Assert.Equal(1, Integer(counted, RadiusAttributeType.AcctOutputPackets));
            Assert.Equal(0, Integer(counted, RadiusAttributeType.AcctInputGigawords));
        }

        Assert.True(Integer(interim, RadiusAttributeType.AcctSessionTime) >= 60);
        Assert.Equal((long)AccountingTerminateCause.UserRequest, Integer(stop, RadiusAttributeType.AcctTerminateCause));
        Assert.DoesNotContain(interim.Attributes, a => a.Type == RadiusAttributeType.AcctTerminateCause);
    }

    [Fact]
    public void The_session_follows_its_ike_sa_through_rekeys_and_counts_the_traffic_of_every_child_sa_it_had()
    {
        // The client's IKE SA lives 1 h and its Child SAs 30 min: both are rekeyed within 70 minutes. Each step
        // moves the clock 5 min, so a retransmission timeout as long as that lets an exchange still under way on
        // a loaded machine finish after the step.
        using var pair = new TwoEndpoints(Gateway(ikeRetransmit: "5m"), Client(ikeLifetime: "1h", ikeRetransmit: "5m"));
        pair.ClientToGateway("before the rekeys");
        TwoEndpoints.Eventually(() => Records(AccountingStatusType.Start).Count == 1, "the Start request");
        uint firstSpi = Assert.Single(pair.Gateway.ChildSas.Children).Inbound.Spi;

        DateTimeOffset start = pair.Clock.GetUtcNow();
        pair.AdvanceUntil(
            () => pair.Clock.GetUtcNow() - start > TimeSpan.FromMinutes(55) && UpFor(pair.Gateway) < TimeSpan.FromMinutes(30),
            TimeSpan.FromMinutes(5),
            TimeSpan.FromMinutes(90));
        Assert.DoesNotContain(pair.Gateway.ChildSas.Children, c => c.Inbound.Spi == firstSpi);
        Assert.Empty(Records(AccountingStatusType.Stop));
        pair.ClientToGateway("after the rekeys");
        Assert.True(pair.Client.Disconnect("gw"));
        TwoEndpoints.Eventually(() => Records(AccountingStatusType.Stop).Count == 1, "the Stop request");

        Assert.Single(Records(AccountingStatusType.Start));
        RadiusPacket stop = Records(AccountingStatusType.Stop)[0];
        Assert.Equal(Text(Records(AccountingStatusType.Start)[0], RadiusAttributeType.AcctSessionId), Text(stop, RadiusAttributeType.AcctSessionId));
        Assert.Equal(2, Integer(stop, RadiusAttributeType.AcctInputPackets));
        Assert.True(Integer(stop, RadiusAttributeType.AcctSessionTime) >= 55 * 60);
    }

    [Fact]
    public void A_client_that_dpd_finds_dead_ends_its_session_as_lost_carrier()
    {
        using var pair = new TwoEndpoints(Gateway(dpd: "10s"), Client());
        pair.ClientToGateway("hello");
        TwoEndpoints.Eventually(() => Records(AccountingStatusType.Start).Count == 1, "the Start request");

        pair.Network.Cut(TestPlans.ClientAddress, cut: true);
        pair.AdvanceUntil(() => Records(AccountingStatusType.Stop).Count == 1, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(2));

        RadiusPacket stop = Records(AccountingStatusType.Stop)[0];
        Assert.Equal((long)AccountingTerminateCause.LostCarrier, Integer(stop, RadiusAttributeType.AcctTerminateCause));
        Assert.Equal(1, Integer(stop, RadiusAttributeType.AcctInputPackets));
    }

    [Fact]
    public void Stopping_the_gateway_waits_for_the_stop_of_each_session_sent_as_admin_reboot()
    {
        using var pair = new TwoEndpoints(Gateway(), Client());
        pair.ClientToGateway("hello");
        TwoEndpoints.Eventually(() => Records(AccountingStatusType.Start).Count == 1, "the Start request");

        pair.Gateway.Stop();

        RadiusPacket stop = Assert.Single(Records(AccountingStatusType.Stop));
        Assert.Equal((long)AccountingTerminateCause.AdminReboot, Integer(stop, RadiusAttributeType.AcctTerminateCause));
        Assert.Equal(1, Integer(stop, RadiusAttributeType.AcctInputPackets));
    }

    [Fact]
    public void An_unanswered_start_is_retransmitted_unchanged_and_the_tunnel_carries_on()
    {
        _radius.AnswerAccounting = false;
        using var pair = new TwoEndpoints(Gateway(), Client());
        pair.ClientToGateway("hello");

        TwoEndpoints.Eventually(() => _radius.Accounting.Count >= 3, "three sends of the Start request");

        Assert.All(_radius.Accounting, r => Assert.Equal(_radius.Accounting[0].ToArray(), r.ToArray()));
        Assert.Equal("second", Encoding.UTF8.GetString(pair.ClientToGateway("second")[^6..]));
    }

    [Fact]
    public void Accounting_fails_over_to_the_next_server_when_the_first_does_not_answer()
    {
        _radius.AnswerAccounting = false;
        using var pair = new TwoEndpoints(Gateway(backup: true), Client());
        pair.ClientToGateway("hello");

        TwoEndpoints.Eventually(() => _backup.Accounting.Count == 1, "the Start request at the second server");

        Assert.Equal(3, _radius.Accounting.Count);
        Assert.Equal(
            Text(_radius.Accounting[0], RadiusAttributeType.AcctSessionId), Text(_backup.Accounting[0], RadiusAttributeType.AcctSessionId));
        Assert.Equal((long)AccountingStatusType.Start, Integer(_backup.Accounting[0], RadiusAttributeType.AcctStatusType));
    }

    [Fact]
    public void With_accounting_off_nothing_is_sent()
    {
        using var pair = new TwoEndpoints(Gateway(accounting: "no"), Client());
        pair.ClientToGateway("hello");
        Assert.True(pair.Client.Disconnect("gw"));
        TwoEndpoints.Eventually(() => pair.Gateway.Show(ViewMenu.ActivePeers, withKeys: false).Count == 0, "the gateway to forget the client");

        Assert.Empty(_radius.Accounting);
    }

    private List<RadiusPacket> Records(AccountingStatusType status) =>
        [.. _radius.Accounting.Where(r => Integer(r, RadiusAttributeType.AcctStatusType) == (long)status).DistinctBy(r => r.Identifier)];

    private static byte[] Value(RadiusPacket packet, RadiusAttributeType type) => packet.Attributes.Single(a => a.Type == type).Value.ToArray();

    private static string Text(RadiusPacket packet, RadiusAttributeType type) => Encoding.UTF8.GetString(Value(packet, type));

    private static long Integer(RadiusPacket packet, RadiusAttributeType type) => BinaryPrimitives.ReadUInt32BigEndian(Value(packet, type));

    /// <summary>How long the endpoint's one established IKE SA has been up.</summary>
    private static TimeSpan UpFor(Engine.Runtime.Endpoint endpoint) =>
        endpoint.Show(ViewMenu.ActivePeers, withKeys: false).Where(row => EndpointTrafficTests.Value(row, "state") == "established").ToList() is [var row]
            ? Config.Values.RouterOsTime.Parse(EndpointTrafficTests.Value(row, "uptime"))
            : TimeSpan.MaxValue;

    private static long Number(ViewRow row, string name) => long.Parse(row.Properties.Single(p => p.Key == name).Value, CultureInfo.InvariantCulture);

    private EndpointPlan Gateway(string accounting = "yes", bool backup = false, string dpd = "2m", string ikeRetransmit = "1s") => Build($$"""
        {
          "ip": { "ipsec": {
            "profile":  [ { "name": "gw", "dpd-interval": "{{dpd}}" } ],
            "peer":     [ { "name": "client", "address": "198.51.100.2/32", "exchange-mode": "ike2", "passive": "yes", "profile": "gw" } ],
            "identity": [ { "peer": "client", "auth-method": "eap-radius", "certificate": "own", "eap-methods": "eap-mschapv2",
                            "my-id": "fqdn:gw.example.net" } ],
            "policy":   [ { "src-address": "10.1.0.0/24", "dst-address": "10.2.0.0/24", "tunnel": "yes", "peer": "client" } ],
            "settings": { "accounting": "{{accounting}}", "interim-update": "1m" } } },
          "radius": [ { "address": "127.0.0.1", "authentication-port": "{{_radius.Port}}", "accounting-port": "{{_radius.Port}}",
                        "secret": "{{Secret}}", "service": "ipsec" }
                      {{(backup ? $", {{ \"address\": \"127.0.0.1\", \"accounting-port\": \"{_backup.Port}\", \"secret\": \"{Secret}\", \"service\": \"ipsec\" }}" : "")}} ],
          "certificate": [ { "name": "ca", "file": "ca.pem" }, { "name": "own", "file": "own.pem", "key-file": "own.key" } ],
          "ipsectun": { "ike-retransmit-timeout": "{{ikeRetransmit}}", "ike-retransmit-tries": "2" }
        }
        """, own: "gw");

    private EndpointPlan Client(string ikeLifetime = "1d", string ikeRetransmit = "2s") => Build($$"""
        {
          "ip": { "ipsec": {
            "profile":  [ { "name": "client", "lifetime": "{{ikeLifetime}}" } ],
            "peer":     [ { "name": "gw", "address": "192.0.2.1/32", "exchange-mode": "ike2", "passive": "yes", "profile": "client" } ],
            "identity": [ { "peer": "gw", "auth-method": "eap", "eap-methods": "eap-mschapv2", "username": "{{LoopbackRadiusServer.User}}",
                            "password": "{{LoopbackRadiusServer.Password}}", "remote-id": "fqdn:gw.example.net" } ],
            "policy":   [ { "src-address": "10.2.0.0/24", "dst-address": "10.1.0.0/24", "tunnel": "yes", "peer": "gw" } ] } },
          "certificate": [ { "name": "ca", "file": "ca.pem" } ],
          "ipsectun": { "ike-retransmit-timeout": "{{ikeRetransmit}}" }
        }
        """, own: null);

    private EndpointPlan Build(string json, string? own)
    {
        EndpointPlanResult result = ConfigurationText.Build(json, directory =>
        {
            _pki.WriteCa(directory, "ca.pem");
            if (own is not null)
            {
                _pki.WritePem(directory, "own", $"CN={own}", $"{own}.example.net").Dispose();
            }
        });
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return result.Plan;
    }
}
