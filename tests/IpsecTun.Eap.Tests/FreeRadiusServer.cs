using IpsecTun.Tests.Shared.FreeRadius;

namespace IpsecTun.Eap.Tests;

/// <summary>
/// FreeRADIUS 3 in the foreground (<c>freeradius -X</c>) on a copy of the Debian configuration in a temporary
/// directory: our test PKI, one user, EAP with TLS, TTLS (inner PAP/CHAP/MS-CHAP/MS-CHAPv2/EAP) and PEAP,
/// listening on a free 127.0.0.1 port. Unavailable (and the tests skip) unless root with FreeRADIUS installed.
/// </summary>
public sealed class FreeRadiusServer : LocalRadiusServer
{
    private protected override string Name => "freeradius";

    private protected override string? WhyUnavailable() =>
        !FreeRadiusSetup.IsInstalled ? "FreeRADIUS is not installed (apt-get install freeradius)"
        : Environment.UserName != "root" ? "running FreeRADIUS on a copy of its configuration needs root"
        : null;

    private protected override (string Program, string[] Arguments, string ReadyLine) Configure(string directory, int port) =>
        (FreeRadiusSetup.Binary, FreeRadiusSetup.Arguments(Setup(port).Write(directory)), FreeRadiusSetup.ReadyLine);

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
