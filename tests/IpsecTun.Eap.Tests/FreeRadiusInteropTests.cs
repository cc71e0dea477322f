using System.Text;
using IpsecTun.Crypto;
using IpsecTun.Eap.Methods.Ttls;
using IpsecTun.Eap.Packets;
using IpsecTun.Eap.Radius;

namespace IpsecTun.Eap.Tests;

/// <summary>
/// Our EAP peer through our RADIUS client against FreeRADIUS: each method must succeed, and the MSK the peer
/// derives must equal the MS-MPPE keys FreeRADIUS sends, which checks each method's key derivation against
/// an independent implementation.
/// </summary>
public class FreeRadiusInteropTests(FreeRadiusServer radius) : IClassFixture<FreeRadiusServer>
{
    public static TheoryData<EapType, TtlsInnerMethod, EapType> Methods => new()
    {
        { EapType.Peap, TtlsInnerMethod.Eap, EapType.MsChapV2 },
        { EapType.Ttls, TtlsInnerMethod.Pap, EapType.MsChapV2 },
        { EapType.Ttls, TtlsInnerMethod.Chap, EapType.MsChapV2 },
        { EapType.Ttls, TtlsInnerMethod.MsChap, EapType.MsChapV2 },
        { EapType.Ttls, TtlsInnerMethod.MsChapV2, EapType.MsChapV2 },
        { EapType.Ttls, TtlsInnerMethod.Eap, EapType.MsChapV2 },
        { EapType.Ttls, TtlsInnerMethod.Eap, EapType.Gtc },
        { EapType.Ttls, TtlsInnerMethod.Eap, EapType.Md5Challenge },
        { EapType.Tls, TtlsInnerMethod.Eap, EapType.MsChapV2 },
        { EapType.Ttls, TtlsInnerMethod.Eap, EapType.Tls },
    };

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Our_peer_authenticates_against_freeradius_with_the_same_msk(EapType method, TtlsInnerMethod inner, EapType innerEap)
    {
        var (peer, server) = await Authenticate(method, inner, innerEap, EapConversation.UserPassword);

        Assert.True(server.Kind == EapOutcomeKind.Succeeded, $"{server.Reason}\n{Tail()}");
        Assert.Equal(EapOutcomeKind.Succeeded, peer.Kind);
        Assert.Equal(server.Keys!.Msk.ToArray(), peer.Keys!.Msk.ToArray());
        if (method == EapType.Tls)
        {
            // EAP-TLS negotiates TLS 1.3 (RFC 9190) with FreeRADIUS; the tunnelled methods stay on TLS 1.2.
            Assert.Contains("TLSv1.3", radius.Log, StringComparison.Ordinal);
        }

        server.Keys.Dispose();
        peer.Keys.Dispose();
    }

    [Theory]
    [InlineData(EapType.Peap, TtlsInnerMethod.Eap)]
    [InlineData(EapType.Ttls, TtlsInnerMethod.MsChapV2)]
    [InlineData(EapType.Ttls, TtlsInnerMethod.Pap)]
    public async Task A_wrong_password_is_rejected_by_freeradius(EapType method, TtlsInnerMethod inner)
    {
        var (peer, server) = await Authenticate(method, inner, EapType.MsChapV2, "wrong password");

        Assert.Equal(EapOutcomeKind.Failed, server.Kind);
        Assert.Equal(EapOutcomeKind.Failed, peer.Kind);
        Assert.Null(peer.Keys);
    }

    private async Task<(EapOutcome Peer, EapOutcome Server)> Authenticate(EapType method, TtlsInnerMethod inner, EapType innerEap, string password)
    {
        if (radius.Unavailable is string why)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", $"FreeRADIUS interop cannot run in CI: {why}");
            Assert.Skip(why);
        }

        var pki = TestCertificates.Rsa;
        var tls = new EapTlsSettings
        {
            TrustedAuthorities = [pki.Authority],
            ServerName = TestCertificates.ServerName,
            Certificate = method == EapType.Tls || innerEap == EapType.Tls ? pki.Client : null,
            MaxFragmentSize = 1000,
            TtlsInnerMethod = inner,
            InnerEapMethods = [innerEap],
        };
        using var credentials = new EapCredentials(EapConversation.UserName, password);
        using var peer = new EapPeer(credentials, [method], RandomSource.System, tls);
        return await RadiusConversation.RunAsync(peer, radius.EndPoint!, LocalRadiusServer.Secret);
    }

    private string Tail()
    {
        string log = radius.Log;
        return log.Length > 6000 ? log[^6000..] : log;
    }
}
