using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Tests;

public class TlsMethodNegotiationTests
{
    [Fact]
    public void A_nak_moves_the_server_to_the_first_tls_based_method_the_peer_lists()
    {
        var pki = TestCertificates.Ecdsa;
        var peerTls = new EapTlsSettings
        {
            TrustedAuthorities = [pki.Authority],
            ServerName = TestCertificates.ServerName,
            Certificate = pki.Client,
            TtlsInnerMethod = Methods.Ttls.TtlsInnerMethod.MsChapV2,
        };
        using var conversation = new EapConversation(
            [EapType.Peap, EapType.Ttls, EapType.Tls], [EapType.MsChapV2, EapType.Tls, EapType.Ttls],
            peerTls: peerTls, serverTls: pki.ServerSettings());

        conversation.Run();

        var nak = conversation.Packets.Single(p => p.Type == EapType.Nak);
        Assert.Equal([(byte)EapType.Peap, (byte)EapType.Ttls, (byte)EapType.Tls], nak.TypeData.ToArray());
        Assert.Equal(EapOutcomeKind.Succeeded, conversation.PeerOutcome!.Kind);
        Assert.Contains(conversation.Packets, p => p.Code == EapCode.Request && p.Type == EapType.Tls);
        Assert.DoesNotContain(conversation.Packets, p => p.Type == EapType.Ttls);
    }

    [Fact]
    public void A_tls_based_method_without_settings_is_refused_at_construction()
    {
        using var credentials = new EapCredentials("alice", "pw");

        Assert.Throws<ArgumentException>(() => new EapPeer(credentials, [EapType.Ttls], Crypto.RandomSource.System));
        Assert.Throws<ArgumentException>(() => new EapServer([EapType.Peap], EapConversation.LookUp, Crypto.RandomSource.System));
        Assert.Throws<ArgumentException>(() => new EapServer(
            [EapType.Tls], EapConversation.LookUp, Crypto.RandomSource.System, new EapTlsSettings { TrustedAuthorities = [] }));
        Assert.Throws<ArgumentException>(() => new EapPeer(
            credentials, [EapType.Ttls], Crypto.RandomSource.System,
            new EapTlsSettings { TrustedAuthorities = [], InnerEapMethods = [EapType.Peap] }));
    }
}
