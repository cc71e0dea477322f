using IpsecTun.Eap.Packets;
using Org.BouncyCastle.Tls;

namespace IpsecTun.Eap.Tests;

public class EapTlsMethodTests
{
    public static TheoryData<bool, bool, int> Variants => new()
    {
        { false, false, 1000 },
        { false, true, 1000 },
        { true, false, 1000 },
        { true, true, 1000 },
        { false, false, 64 },
        { true, true, 37 },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Peer_and_server_authenticate_each_other_and_derive_the_same_keys(bool rsa, bool tls13, int fragment)
    {
        var pki = rsa ? TestCertificates.Rsa : TestCertificates.Ecdsa;
        using var conversation = new EapConversation(
            [EapType.Tls], [EapType.Tls],
            peerTls: pki.PeerSettings(pki.Client, fragment: fragment, tls13: tls13),
            serverTls: pki.ServerSettings(fragment, tls13));

        conversation.Run();

        Assert.True(conversation.ServerOutcome!.Kind == EapOutcomeKind.Succeeded, conversation.ServerOutcome.Reason);
        Assert.Equal(EapOutcomeKind.Succeeded, conversation.PeerOutcome!.Kind);
        var peerKeys = conversation.PeerOutcome.Keys!;
        var serverKeys = conversation.ServerOutcome.Keys!;
        Assert.Equal(64, peerKeys.Msk.Length);
        Assert.Equal(64, peerKeys.Emsk.Length);
        Assert.Equal(peerKeys.Msk.ToArray(), serverKeys.Msk.ToArray());
        Assert.Equal(peerKeys.Emsk.ToArray(), serverKeys.Emsk.ToArray());
        Assert.NotEqual(peerKeys.Msk.ToArray(), peerKeys.Emsk.ToArray());
        int largest = conversation.Packets.Where(p => p.HasType && p.Type == EapType.Tls).Max(p => p.TypeData.Length);
        Assert.True(largest <= fragment + 5, $"a fragment carried {largest} bytes");
        if (fragment < 100)
        {
            Assert.Contains(conversation.Packets, p => p.Code == EapCode.Request && p.TypeData.Length == 1 && p.TypeData[0] == 0);
            Assert.Contains(conversation.Packets, p => p.Code == EapCode.Response && p.TypeData.Length == 1 && p.TypeData[0] == 0);
        }
    }

    [Fact]
    public void A_server_certificate_from_another_CA_fails_at_the_peer_with_the_reason()
    {
        var pki = TestCertificates.Ecdsa;
        using var conversation = new EapConversation(
            [EapType.Tls], [EapType.Tls],
            peerTls: pki.PeerSettings(pki.Client, trusted: pki.Stranger), serverTls: pki.ServerSettings());

        conversation.Run();

        Assert.Equal(EapOutcomeKind.Failed, conversation.PeerOutcome!.Kind);
        Assert.Contains("not trusted by the configured CA", conversation.PeerOutcome.Reason, StringComparison.Ordinal);
        Assert.Equal(EapOutcomeKind.Failed, conversation.ServerOutcome!.Kind);
        Assert.Contains("bad_certificate", conversation.ServerOutcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_certificate_for_another_name_fails_at_the_peer()
    {
        var pki = TestCertificates.Ecdsa;
        using var conversation = new EapConversation(
            [EapType.Tls], [EapType.Tls],
            peerTls: pki.PeerSettings(pki.Client, serverName: "vpn.example.test"), serverTls: pki.ServerSettings());

        conversation.Run();

        Assert.Equal(EapOutcomeKind.Failed, conversation.PeerOutcome!.Kind);
        Assert.Contains("is not for \"vpn.example.test\"", conversation.PeerOutcome.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_client_certificate_from_another_CA_fails_at_the_server_with_the_reason(bool tls13)
    {
        var pki = TestCertificates.Ecdsa;
        using var conversation = new EapConversation(
            [EapType.Tls], [EapType.Tls],
            peerTls: pki.PeerSettings(pki.StrangerClient, tls13: tls13), serverTls: pki.ServerSettings(tls13: tls13));

        conversation.Run();

        Assert.Equal(EapOutcomeKind.Failed, conversation.ServerOutcome!.Kind);
        Assert.Contains("peer certificate \"CN=mallory\" is not trusted", conversation.ServerOutcome.Reason, StringComparison.Ordinal);
        Assert.Equal(EapOutcomeKind.Failed, conversation.PeerOutcome!.Kind);
        Assert.Contains("it did not accept our certificate", conversation.PeerOutcome.Reason, StringComparison.Ordinal);
        Assert.Null(conversation.PeerOutcome.Keys);
    }

    [Fact]
    public void A_peer_without_a_certificate_is_refused()
    {
        var pki = TestCertificates.Ecdsa;
        using var conversation = new EapConversation(
            [EapType.Tls], [EapType.Tls], peerTls: pki.PeerSettings(client: null), serverTls: pki.ServerSettings());

        conversation.Run();

        Assert.Equal(EapOutcomeKind.Failed, conversation.ServerOutcome!.Kind);
        Assert.Contains("peer sent no certificate", conversation.ServerOutcome.Reason, StringComparison.Ordinal);
    }
}
