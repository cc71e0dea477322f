using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace IpsecTun.Eap.Tests;

/// <summary>
/// hostapd's integrated RADIUS and EAP server (<c>driver=none</c>, <c>hostapd -dd</c>) on a free 127.0.0.1 port with
/// our test PKI and one user for PEAPv0/EAP-MSCHAPv2. Its PEAP server sends a Cryptobinding TLV with the Result
/// and checks the peer's, which FreeRADIUS 3 does not: the independent implementation for crypto binding.
/// Unavailable (and the tests skip) unless hostapd is installed.
/// </summary>
public sealed class HostapdRadiusServer : IAsyncLifetime
{
    public const string Secret = "testing123";
    private const string Binary = "/usr/sbin/hostapd";

    private string? _directory;
    private ForegroundServer? _server;

    public IPEndPoint? EndPoint { get; private set; }

    /// <summary>Why the server is not running, or null when it is.</summary>
    public string? Unavailable { get; private set; }

    public string Log => _server?.Log ?? string.Empty;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Binary))
        {
            Unavailable = "hostapd is not installed (apt-get install hostapd)";
            return;
        }

        _directory = Directory.CreateTempSubdirectory("ipsectun-hostapd-").FullName;
        int port = ForegroundServer.FreeUdpPort();
        string configuration = Configure(_directory, port);
        EndPoint = new IPEndPoint(IPAddress.Loopback, port);
        _server = await ForegroundServer.StartAsync(Binary, ["-dd", configuration], "Setup of interface done");
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

    private static string Configure(string directory, int port)
    {
        var pki = TestCertificates.Rsa;
        string Write(string name, string text)
        {
            string path = Path.Combine(directory, name);
            File.WriteAllText(path, text);
            return path;
        }

        string ca = Write("ca.pem", pki.Authority.ExportCertificatePem());
        string server = Write("server.pem", pki.Server.ExportCertificatePem());
        string key;
        using (var rsa = pki.Server.GetRSAPrivateKey()!)
        {
            key = Write("server.key", rsa.ExportPkcs8PrivateKeyPem());
        }

        string clients = Write("clients", $"127.0.0.1/32 {Secret}\n");
        string users = Write("eap_users", $"* PEAP\n\"{EapConversation.UserName}\" MSCHAPV2 \"{EapConversation.UserPassword}\" [2]\n");
        return Write("hostapd.conf", $"""
            driver=none
            logger_stdout=-1
            logger_stdout_level=0
            radius_server_clients={clients}
            radius_server_auth_port={port}
            eap_server=1
            eap_user_file={users}
            ca_cert={ca}
            server_cert={server}
            private_key={key}
            """);
    }
}
