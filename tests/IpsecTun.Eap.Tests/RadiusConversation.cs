using System.Net;
using System.Text;
using IpsecTun.Crypto;
using IpsecTun.Eap.Packets;
using IpsecTun.Eap.Radius;

namespace IpsecTun.Eap.Tests;

/// <summary>Runs our EAP peer through our RADIUS client against a real RADIUS server, until either side ends.</summary>
internal static class RadiusConversation
{
    /// <summary>The peer's last outcome and the server's (Access-Accept with the MSK, or Access-Reject).</summary>
    public static async Task<(EapOutcome Peer, EapOutcome Server)> RunAsync(EapPeer peer, IPEndPoint server, string secret)
    {
        using var transport = new UdpRadiusTransport(new IPEndPoint(IPAddress.Loopback, 0));
        using var client = new RadiusClient(
            [new RadiusServerSettings(server, server, Encoding.ASCII.GetBytes(secret))],
            transport, new RadiusClientOptions { InitialTimeout = TimeSpan.FromSeconds(3) }, RandomSource.System);
        var session = client.StartEap([new RadiusAttribute(RadiusAttributeType.NasIdentifier, "ipsectun-test"u8)]);

        var request = EapPacket.Request(0, EapType.Identity, []);
        for (int round = 0; round < 100; round++)
        {
            var answer = peer.Process(request);
            if (answer.Kind != EapOutcomeKind.Send)
            {
                return (answer, EapOutcome.Failed(null, $"the peer stopped: {answer.Reason}"));
            }

            var outcome = await session.ForwardAsync(answer.Packet!, TestContext.Current.CancellationToken);
            if (outcome.Kind != EapOutcomeKind.Send)
            {
                return (peer.Process(outcome.Packet!), outcome);
            }

            request = outcome.Packet!;
        }

        throw new InvalidOperationException("The conversation with the RADIUS server did not end.");
    }
}
