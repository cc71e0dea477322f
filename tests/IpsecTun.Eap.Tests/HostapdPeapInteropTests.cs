using IpsecTun.Crypto;
using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Tests;

/// <summary>
/// Our PEAPv0 peer through our RADIUS client against hostapd's EAP server, which sends and checks the
/// Cryptobinding TLV: hostapd must accept our binding (it logs each one it verifies), and the MSK our peer derives
/// from the Compound Session Key must equal the MS-MPPE keys hostapd sends.
/// </summary>
public class HostapdPeapInteropTests(HostapdRadiusServer hostapd) : IClassFixture<HostapdRadiusServer>
{
    [Fact]
    public async Task Crypto_binding_is_accepted_both_ways_and_gives_the_same_msk()
    {
        var (peer, server) = await Authenticate(EapConversation.UserPassword);

        Assert.True(server.Kind == EapOutcomeKind.Succeeded, $"{server.Reason}\n{Tail()}");
        Assert.True(peer.Kind == EapOutcomeKind.Succeeded, peer.Reason);
        Assert.Contains("EAP-PEAP: Valid cryptobinding TLV received", hostapd.Log, StringComparison.Ordinal);
        Assert.Equal(server.Keys!.Msk.ToArray(), peer.Keys!.Msk.ToArray());
        server.Keys.Dispose();
        peer.Keys.Dispose();
    }

    [Fact]
    public async Task A_wrong_password_is_rejected()
    {
        var (peer, server) = await Authenticate("wrong password");

        Assert.Equal(EapOutcomeKind.Failed, server.Kind);
        Assert.Equal(EapOutcomeKind.Failed, peer.Kind);
        Assert.Null(peer.Keys);
    }

    private async Task<(EapOutcome Peer, EapOutcome Server)> Authenticate(string password)
    {
        if (hostapd.Unavailable is string why)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", $"hostapd interop cannot run in CI: {why}");
            Assert.Skip(why);
        }

        var pki = TestCertificates.Rsa;
        var tls = new EapTlsSettings { TrustedAuthorities = [pki.Authority], ServerName = TestCertificates.ServerName, InnerEapMethods = [EapType.MsChapV2] };
        using var credentials = new EapCredentials(EapConversation.UserName, password);
        using var peer = new EapPeer(credentials, [EapType.Peap], RandomSource.System, tls);
        return await RadiusConversation.RunAsync(peer, hostapd.EndPoint!, LocalRadiusServer.Secret);
    }

    private string Tail()
    {
        string log = hostapd.Log;
        return log.Length > 8000 ? log[^8000..] : log;
    }
}
