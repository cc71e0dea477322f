using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Tests;

/// <summary>
/// A TLS server method that refused the peer sends its alert first and fails only once the peer acknowledges
/// it; meanwhile <see cref="EapServer.PendingFailure"/> names the reason, for a peer that gives up instead.
/// </summary>
public sealed class TlsServerPendingFailureTests
{
    [Fact]
    public void The_refusal_of_a_client_certificate_from_another_ca_is_named_while_the_alert_awaits_its_acknowledgement()
    {
        var pki = TestCertificates.Ecdsa;
        using var conversation = new EapConversation(
            [EapType.Tls], [EapType.Tls], peerTls: pki.PeerSettings(pki.StrangerClient, tls13: false), serverTls: pki.ServerSettings(tls13: false));

        EapOutcome server = conversation.Server.Start();
        for (int round = 0; round < 50 && conversation.Server.PendingFailure is null; round++)
        {
            Assert.Equal(EapOutcomeKind.Send, server.Kind);
            EapOutcome peer = conversation.Peer.Process(server.Packet!.ToArray());
            Assert.Equal(EapOutcomeKind.Send, peer.Kind);
            server = conversation.Server.Process(peer.Packet!.ToArray());
        }

        Assert.Equal(EapOutcomeKind.Send, server.Kind);
        Assert.Contains("peer certificate \"CN=mallory\" is not trusted", conversation.Server.PendingFailure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_that_has_not_failed_names_no_reason()
    {
        var pki = TestCertificates.Ecdsa;
        using var conversation = new EapConversation(
            [EapType.Tls], [EapType.Tls], peerTls: pki.PeerSettings(pki.Client, tls13: false), serverTls: pki.ServerSettings(tls13: false));

        conversation.Run();

        Assert.Equal(EapOutcomeKind.Succeeded, conversation.ServerOutcome!.Kind);
        Assert.Null(conversation.Server.PendingFailure);
    }
}
