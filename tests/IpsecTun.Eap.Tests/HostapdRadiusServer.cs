using System.Security.Cryptography.X509Certificates;

namespace IpsecTun.Eap.Tests;

/// <summary>
/// hostapd's integrated RADIUS and EAP server (<c>driver=none</c>, <c>hostapd -dd</c>) on a free 127.0.0.1 port with
/// our test PKI and one user for PEAPv0/EAP-MSCHAPv2. Its PEAP server sends a Cryptobinding TLV with the Result
/// and checks the peer's, which FreeRADIUS 3 does not: the independent implementation for crypto binding.
/// Unavailable (and the tests skip) unless hostapd is installed.
/// </summary>
public sealed class HostapdRadiusServer : LocalRadiusServer
{
    private const string Binary = "/usr/sbin/hostapd";

    private protected override string Name => "hostapd";

    private protected override string? WhyUnavailable() =>
        File.Exists(Binary) ? null : "hostapd is not installed (apt-get install hostapd)";

    private protected override (string Program, string[] Arguments, string ReadyLine) Configure(string directory, int port) =>
        (Binary, ["-dd", WriteConfiguration(directory, port)], "Setup of interface done");

    private static string WriteConfiguration(string directory, int port)
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
