using IpsecTun.Eap.Tls;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace IpsecTun.Eap.Tests;

public class TlsKeyDerivationTests
{
    [Theory]
    [InlineData("client EAP encryption")]
    [InlineData("ttls keying material")]
    public void The_tls12_key_material_equals_the_rfc5705_exporter_without_context(string label)
    {
        var pki = TestCertificates.Rsa;
        using var client = TlsEngine.StartClient(pki.PeerSettings(), allowTls13: false, [TlsExport.KeyMaterial(label, 13)]);
        var exporting = new Rfc5705ExportingServer(new BcTlsCrypto(new SecureRandom()), pki.ServerSettings(), label);
        var server = new TlsServerProtocol();
        server.Accept(exporting);

        for (int round = 0; round < 10 && !(client.IsHandshakeComplete && exporting.Exported is not null); round++)
        {
            byte[] toServer = client.TakeOutput();
            if (toServer.Length > 0)
            {
                server.OfferInput(toServer);
            }

            byte[] toClient = new byte[server.GetAvailableOutputBytes()];
            server.ReadOutput(toClient, 0, toClient.Length);
            Assert.True(toClient.Length == 0 || client.Receive(toClient), client.Failure);
        }

        Assert.True(client.IsHandshakeComplete);
        Assert.False(client.IsTls13);
        Assert.Equal(exporting.Exported, client.Exported(0));
    }

    [Fact]
    public void Key_material_splits_into_msk_then_emsk()
    {
        byte[] material = [.. Enumerable.Range(0, 128).Select(i => (byte)i)];
        byte[] copy = (byte[])material.Clone();

        using var keys = EapKeys.FromKeyMaterial(material);

        Assert.Equal(copy[..64], keys.Msk.ToArray());
        Assert.Equal(copy[64..], keys.Emsk.ToArray());
        Assert.All(material, b => Assert.Equal(0, b));
    }
}
