using IpsecTun.Crypto;
using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Tests;

public class TlsMethodRobustnessTests
{
    public static TheoryData<EapType> Methods => [EapType.Tls, EapType.Ttls, EapType.Peap];

    [Theory]
    [MemberData(nameof(Methods))]
    public void Garbage_from_the_server_never_throws_and_ends_in_failure_or_a_discard(EapType method)
    {
        var pki = TestCertificates.Ecdsa;
        var random = new Random(1234 + (int)method);
        for (int trial = 0; trial < 200; trial++)
        {
            using var credentials = new EapCredentials("alice", "pw");
            using var peer = new EapPeer(credentials, [method], RandomSource.System, pki.PeerSettings(pki.Client));
            var start = peer.Process(EapPacket.Request(1, method, [0x20]));
            Assert.Equal(EapOutcomeKind.Send, start.Kind);

            byte[] garbage = new byte[random.Next(0, 300)];
            random.NextBytes(garbage);
            Shape(garbage, trial);

            var outcome = peer.Process(EapPacket.Request(2, method, garbage));

            Assert.True(outcome.Kind is EapOutcomeKind.Discarded or EapOutcomeKind.Send, outcome.ToString());
            Assert.Null(outcome.Keys);
        }
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Garbage_from_the_peer_never_throws_and_never_succeeds(EapType method)
    {
        var pki = TestCertificates.Ecdsa;
        var random = new Random(4321 + (int)method);
        for (int trial = 0; trial < 200; trial++)
        {
            using var server = new EapServer([method], EapConversation.LookUp, RandomSource.System, pki.ServerSettings());
            var identityRequest = server.Start().Packet!;
            var tlsStart = server.Process(EapPacket.Response(identityRequest.Identifier, EapType.Identity, "alice"u8)).Packet!;

            byte[] garbage = new byte[random.Next(0, 300)];
            random.NextBytes(garbage);
            Shape(garbage, trial);

            var outcome = server.Process(EapPacket.Response(tlsStart.Identifier, method, garbage));

            Assert.NotEqual(EapOutcomeKind.Succeeded, outcome.Kind);
            Assert.Null(outcome.Keys);
        }
    }

    /// <summary>Makes some trials look like an unfragmented EAP-TLS packet holding a handshake record of the right length.</summary>
    private static void Shape(byte[] garbage, int trial)
    {
        if (garbage.Length > 6 && trial % 2 == 0)
        {
            garbage[0] = 0;
            garbage[1] = 0x16;
            garbage[2] = 3;
            garbage[3] = 3;
            garbage[4] = (byte)((garbage.Length - 6) >> 8);
            garbage[5] = (byte)(garbage.Length - 6);
        }
    }
}
