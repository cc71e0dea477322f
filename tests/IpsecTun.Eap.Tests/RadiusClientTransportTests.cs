using System.Net;
using IpsecTun.Crypto;
using IpsecTun.Eap.Packets;
using IpsecTun.Eap.Radius;

namespace IpsecTun.Eap.Tests;

public class RadiusClientTransportTests
{
    private static readonly byte[] Secret = "testing123"u8.ToArray();

    private static readonly RadiusClientOptions Fast = new()
    {
        InitialTimeout = TimeSpan.FromMilliseconds(250),
        MaxTimeout = TimeSpan.FromMilliseconds(1000),
        AttemptsPerServer = 3,
    };

    [Fact]
    public async Task An_eap_conversation_runs_over_udp_and_yields_the_msk_and_the_accept()
    {
        using var eap = new FakeRadiusEapServer(Secret, EapType.MsChapV2);
        using var server = new UdpFakeRadiusServer(Answering(eap));
        using var transport = Transport();
        using var client = new RadiusClient([Settings(server.EndPoint)], transport, Fast, RandomSource.System);

        var (outcome, session) = await Authenticate(client, eap);

        Assert.Equal(EapOutcomeKind.Succeeded, outcome.Kind);
        Assert.Equal(64, outcome.Keys!.Msk.Length);
        Assert.Contains(session.Accept!.Attributes, a => a.Type == RadiusAttributeType.FramedIpAddress);
        Assert.Equal(0, client.Statistics.Retransmissions + client.Statistics.Rejected);
        outcome.Keys.Dispose();
    }

    [Fact]
    public async Task A_lost_request_is_retransmitted_unchanged()
    {
        using var eap = new FakeRadiusEapServer(Secret, EapType.MsChapV2);
        int seen = 0;
        using var server = new UdpFakeRadiusServer(request => ++seen <= 2 ? [] : Answering(eap)(request));
        using var transport = Transport();
        using var client = new RadiusClient([Settings(server.EndPoint)], transport, Fast, RandomSource.System);

        var (outcome, _) = await Authenticate(client, eap);

        Assert.Equal(EapOutcomeKind.Succeeded, outcome.Kind);
        Assert.Equal(2, client.Statistics.Retransmissions);
        Assert.Equal(server.Received[0], server.Received[1]);
        Assert.Equal(server.Received[0], server.Received[2]);
    }

    [Fact]
    public async Task A_silent_server_is_failed_over_and_the_answering_one_stays_preferred()
    {
        using var silent = new UdpFakeRadiusServer(_ => []);
        using var eap = new FakeRadiusEapServer(Secret, EapType.MsChapV2);
        using var server = new UdpFakeRadiusServer(Answering(eap));
        using var transport = Transport();
        using var client = new RadiusClient([Settings(silent.EndPoint), Settings(server.EndPoint)], transport, Fast, RandomSource.System);

        var (outcome, session) = await Authenticate(client, eap);

        Assert.Equal(EapOutcomeKind.Succeeded, outcome.Kind);
        Assert.Equal(1, client.Statistics.Failovers);
        Assert.Equal(3, silent.Received.Count);
        Assert.Equal(1, session.ServerIndex);
        Assert.Equal(1, client.StartEap([]).ServerIndex);
    }

    [Fact]
    public async Task Forged_malformed_and_unexpected_answers_are_dropped_and_counted()
    {
        using var eap = new FakeRadiusEapServer(Secret, EapType.MsChapV2);
        byte[] forgedSecret = "not the secret"u8.ToArray();
        var answering = Answering(eap);
        using var server = new UdpFakeRadiusServer(request =>
        {
            byte[] genuine = answering(request).Single();
            byte[] forged = (byte[])genuine.Clone();
            forged[^1] ^= 1;
            byte[] otherIdentifier = (byte[])genuine.Clone();
            otherIdentifier[1] ^= 0x55;
            return [[1, 2, 3], forged, otherIdentifier, genuine];
        });
        using var transport = Transport();
        using var client = new RadiusClient([Settings(server.EndPoint)], transport, Fast, RandomSource.System);

        var (outcome, _) = await Authenticate(client, eap);

        Assert.Equal(EapOutcomeKind.Succeeded, outcome.Kind);
        Assert.True(client.Statistics.Malformed >= 2, $"malformed {client.Statistics.Malformed}");
        Assert.True(client.Statistics.Rejected >= 2, $"rejected {client.Statistics.Rejected}");
        Assert.True(client.Statistics.Unexpected >= 2, $"unexpected {client.Statistics.Unexpected}");
    }

    [Fact]
    public async Task When_no_server_answers_the_authentication_fails()
    {
        using var silent = new UdpFakeRadiusServer(_ => []);
        using var transport = Transport();
        using var client = new RadiusClient([Settings(silent.EndPoint)], transport, Fast with { AttemptsPerServer = 2 }, RandomSource.System);

        var outcome = await client.StartEap([]).ForwardAsync(EapPacket.Response(1, EapType.Identity, "alice"u8), TestContext.Current.CancellationToken);

        Assert.Equal(EapOutcomeKind.Failed, outcome.Kind);
        Assert.Equal("no RADIUS server answered", outcome.Reason);
        Assert.Equal(1, client.Statistics.Unanswered);
        Assert.Equal(2, silent.Received.Count);
    }

    [Fact]
    public async Task Accounting_is_acknowledged_only_with_the_right_authenticator()
    {
        bool forge = true;
        using var server = new UdpFakeRadiusServer(request =>
        {
            Assert.True(RadiusPacket.TryParse(request, out var packet));
            byte[] answer = TestRadiusServer.Respond(RadiusCode.AccountingResponse, packet!.Identifier, packet.Authenticator.ToArray(), forge ? [9] : Secret, [], signMessage: false);
            forge = false;
            return [answer];
        });
        using var transport = Transport();
        using var client = new RadiusClient([Settings(server.EndPoint)], transport, Fast, RandomSource.System);

        bool acknowledged = await client.SendAccountingAsync(
            new RadiusAccountingRecord(AccountingStatusType.Start, "session-1").ToAttributes(), TestContext.Current.CancellationToken);

        Assert.True(acknowledged);
        Assert.Equal(1, client.Statistics.Rejected);
        Assert.Equal(1, client.Statistics.Retransmissions);
    }

    /// <summary>Answers each request once through the EAP server and a retransmitted one from the cache, as a real server does.</summary>
    private static Func<byte[], IEnumerable<byte[]>> Answering(FakeRadiusEapServer eap)
    {
        var answered = new Dictionary<string, byte[]>();
        return request =>
        {
            string key = Convert.ToHexString(request);
            if (!answered.TryGetValue(key, out byte[]? answer))
            {
                answer = eap.Handle(request);
                answered[key] = answer;
            }

            return [answer];
        };
    }

    private static UdpRadiusTransport Transport() => new(new IPEndPoint(IPAddress.Loopback, 0));

    private static RadiusServerSettings Settings(IPEndPoint endPoint) => new(endPoint, endPoint, Secret);

    private static async Task<(EapOutcome Outcome, RadiusEapSession Session)> Authenticate(RadiusClient client, FakeRadiusEapServer eap)
    {
        using var credentials = new EapCredentials(EapConversation.UserName, EapConversation.UserPassword);
        using var peer = new EapPeer(credentials, [EapType.MsChapV2, EapType.Gtc], RandomSource.System);
        var session = client.StartEap([]);
        var request = eap.Eap.Start().Packet!;
        for (int round = 0; round < 10; round++)
        {
            var answer = peer.Process(request);
            Assert.Equal(EapOutcomeKind.Send, answer.Kind);
            var outcome = await session.ForwardAsync(answer.Packet!, TestContext.Current.CancellationToken);
            if (outcome.Kind != EapOutcomeKind.Send)
            {
                return (outcome, session);
            }

            request = outcome.Packet!;
        }

        throw new InvalidOperationException("The conversation did not end.");
    }
}
