using IpsecTun.Eap.Methods.Ttls;
using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Tests;

public class TtlsMethodTests
{
    public static TheoryData<TtlsInnerMethod, EapType> InnerMethods => new(PasswordMethods) { { TtlsInnerMethod.Eap, EapType.Tls } };

    public static TheoryData<TtlsInnerMethod, EapType> PasswordMethods => new()
    {
        { TtlsInnerMethod.Pap, EapType.MsChapV2 },
        { TtlsInnerMethod.Chap, EapType.MsChapV2 },
        { TtlsInnerMethod.MsChap, EapType.MsChapV2 },
        { TtlsInnerMethod.MsChapV2, EapType.MsChapV2 },
        { TtlsInnerMethod.Eap, EapType.MsChapV2 },
        { TtlsInnerMethod.Eap, EapType.Gtc },
        { TtlsInnerMethod.Eap, EapType.Md5Challenge },
    };

    [Theory]
    [MemberData(nameof(InnerMethods))]
    public void Each_inner_method_authenticates_and_both_sides_derive_the_same_keys(TtlsInnerMethod inner, EapType innerEap)
    {
        using var conversation = Converse(inner, innerEap, EapConversation.UserPassword);

        Assert.True(conversation.ServerOutcome!.Kind == EapOutcomeKind.Succeeded, conversation.ServerOutcome.Reason);
        Assert.Equal(EapOutcomeKind.Succeeded, conversation.PeerOutcome!.Kind);
        Assert.Equal(conversation.ServerOutcome.Keys!.Msk.ToArray(), conversation.PeerOutcome.Keys!.Msk.ToArray());
        Assert.Equal(conversation.ServerOutcome.Keys.Emsk.ToArray(), conversation.PeerOutcome.Keys.Emsk.ToArray());
        Assert.Equal(64, conversation.PeerOutcome.Keys.Msk.Length);
    }

    [Theory]
    [MemberData(nameof(PasswordMethods))]
    public void A_wrong_password_fails_with_the_reason(TtlsInnerMethod inner, EapType innerEap)
    {
        using var conversation = Converse(inner, innerEap, "wrong password");

        Assert.Equal(EapOutcomeKind.Failed, conversation.ServerOutcome!.Kind);
        Assert.Matches("match the password|rejected", conversation.ServerOutcome.Reason);
        Assert.Equal(EapOutcomeKind.Failed, conversation.PeerOutcome!.Kind);
        Assert.Null(conversation.PeerOutcome.Keys);
    }

    [Fact]
    public void An_anonymous_outer_identity_hides_the_user_name_which_only_the_tunnel_carries()
    {
        var pki = TestCertificates.Rsa;
        var peer = pki.PeerSettings();
        using var conversation = new EapConversation(
            [EapType.Ttls], [EapType.Ttls],
            peerTls: new EapTlsSettings { TrustedAuthorities = peer.TrustedAuthorities, ServerName = peer.ServerName, OuterIdentity = "anonymous", TtlsInnerMethod = TtlsInnerMethod.Pap },
            serverTls: pki.ServerSettings());

        conversation.Run();

        Assert.Equal("anonymous"u8.ToArray(), conversation.Packets.Single(p => p.Type == EapType.Identity && p.Code == EapCode.Response).TypeData.ToArray());
        Assert.Equal("anonymous", conversation.Server.Identity);
        Assert.Equal(EapOutcomeKind.Succeeded, conversation.ServerOutcome!.Kind);
        Assert.Equal(EapOutcomeKind.Succeeded, conversation.PeerOutcome!.Kind);
    }

    [Fact]
    public void A_server_certificate_from_another_CA_stops_the_peer_before_it_reveals_the_password()
    {
        var pki = TestCertificates.Ecdsa;
        using var conversation = new EapConversation(
            [EapType.Ttls], [EapType.Ttls],
            peerTls: Settings(pki.PeerSettings(trusted: pki.Stranger), TtlsInnerMethod.Pap, EapType.MsChapV2),
            serverTls: pki.ServerSettings());

        conversation.Run();

        Assert.Equal(EapOutcomeKind.Failed, conversation.PeerOutcome!.Kind);
        Assert.Contains("not trusted by the configured CA", conversation.PeerOutcome.Reason, StringComparison.Ordinal);
        Assert.Equal(EapOutcomeKind.Failed, conversation.ServerOutcome!.Kind);
    }

    [Fact]
    public void Avps_round_trip_with_vendor_ids_and_padding()
    {
        byte[] encoded = DiameterAvp.Encode(
            new DiameterAvp(TtlsAvpCode.UserName, "bob"u8),
            new DiameterAvp(TtlsAvpCode.MsChap2Success, "xS=12"u8, DiameterAvp.MicrosoftVendorId));

        Assert.Equal(12 + 20, encoded.Length);
        Assert.Equal([0, 0, 0, 1, 0x40, 0, 0, 11, (byte)'b', (byte)'o', (byte)'b', 0], encoded[..12]);
        Assert.True(DiameterAvp.TryReadAll(encoded, out var avps));
        Assert.Equal(2, avps.Count);
        Assert.Equal("xS=12"u8.ToArray(), DiameterAvp.Find(avps, TtlsAvpCode.MsChap2Success, DiameterAvp.MicrosoftVendorId));
        Assert.Null(DiameterAvp.Find(avps, TtlsAvpCode.MsChap2Success));
    }

    [Theory]
    [InlineData("00000001400000")]
    [InlineData("0000000140000020")]
    [InlineData("0000000180000008")]
    [InlineData("000000018000000c00000000")]
    public void Malformed_avps_are_refused(string hex)
    {
        Assert.False(DiameterAvp.TryReadAll(Convert.FromHexString(hex), out _));
    }

    private static EapTlsSettings Settings(EapTlsSettings peer, TtlsInnerMethod inner, EapType innerEap) => new()
    {
        TrustedAuthorities = peer.TrustedAuthorities,
        ServerName = peer.ServerName,
        Certificate = TestCertificates.Rsa.Client,
        MaxFragmentSize = 300,
        TtlsInnerMethod = inner,
        InnerEapMethods = [innerEap],
    };

    private static EapConversation Converse(TtlsInnerMethod inner, EapType innerEap, string password)
    {
        var pki = TestCertificates.Rsa;
        var conversation = new EapConversation(
            [EapType.Ttls], [EapType.Ttls], password,
            peerTls: Settings(pki.PeerSettings(), inner, innerEap),
            serverTls: pki.ServerSettings(fragment: 300));
        conversation.Run();
        return conversation;
    }
}
