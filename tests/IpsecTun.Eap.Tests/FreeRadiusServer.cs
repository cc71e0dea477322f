using System.Net;
using IpsecTun.Tests.Shared.FreeRadius;

namespace IpsecTun.Eap.Tests;

/// <summary>
/// FreeRADIUS 3 in the foreground (<c>freeradius -X</c>) on a copy of the Debian configuration in a temporary
/// directory: our test PKI, one user, EAP with TLS, TTLS (inner PAP/CHAP/MS-CHAP/MS-CHAPv2/EAP) and PEAP,
/// listening on a free 127.0.0.1 port. Unavailable (and the tests skip) unless root with FreeRADIUS installed.
/// </summary>
public sealed class FreeRadiusServer : IAsyncLifetime
{
    public const string Secret = "testing123";

    private string? _directory;
    private ForegroundServer? _server;

    public IPEndPoint? EndPoint { get; private set; }

    /// <summary>Why the server is not running, or null when it is.</summary>
    public string? Unavailable { get; private set; }

    public string Log => _server?.Log ?? string.Empty;

    public async ValueTask InitializeAsync()
    {
        if (!FreeRadiusSetup.IsInstalled)
        {
            Unavailable = "FreeRADIUS is not installed (apt-get install freeradius)";
            return;
        }

        if (Environment.UserName != "root")
        {
            Unavailable = "running FreeRADIUS on a copy of its configuration needs root";
            return;
        }

        _directory = Directory.CreateTempSubdirectory("ipsectun-freeradius-").FullName;
        int port = ForegroundServer.FreeUdpPort();
        string raddb = Setup(port).Write(_directory);
        EndPoint = new IPEndPoint(IPAddress.Loopback, port);
        _server = await ForegroundServer.StartAsync(FreeRadiusSetup.Binary, FreeRadiusSetup.Arguments(raddb), FreeRadiusSetup.ReadyLine);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static FreeRadiusSetup Setup(int port)
    {
        var pki = TestCertificates.Rsa;
        using var key = System.Security.Cryptography.X509Certificates.RSACertificateExtensions.GetRSAPrivateKey(pki.Server)!;
        return new FreeRadiusSetup
        {
            Secret = Secret,
            Users = [new FreeRadiusUser(EapConversation.UserName, EapConversation.UserPassword)],
            AuthenticationPort = port,
            Tls = (pki.Authority.ExportCertificatePem(), pki.Server.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem()),
        };
    }
}
