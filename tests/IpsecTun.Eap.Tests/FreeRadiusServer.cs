using System.Diagnostics;
using System.Net;

namespace IpsecTun.Eap.Tests;

/// <summary>
/// FreeRADIUS 3 in the foreground (<c>freeradius -X</c>) on a copy of the Debian configuration in a temporary
/// directory: our test PKI, one user, EAP with TLS, TTLS (inner PAP/CHAP/MS-CHAP/MS-CHAPv2/EAP) and PEAP,
/// listening on a free 127.0.0.1 port. Unavailable (and the tests skip) unless root with FreeRADIUS installed.
/// </summary>
public sealed class FreeRadiusServer : IAsyncLifetime
{
    public const string Secret = "testing123";
    private const string Binary = "/usr/sbin/freeradius";
    private const string Shipped = "/etc/freeradius/3.0";

    private string? _directory;
    private ForegroundServer? _server;

    public IPEndPoint? EndPoint { get; private set; }

    /// <summary>Why the server is not running, or null when it is.</summary>
    public string? Unavailable { get; private set; }

    public string Log => _server?.Log ?? string.Empty;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Binary) || !Directory.Exists(Shipped))
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
        string raddb = Path.Combine(_directory, "raddb");
        await RunAsync("cp", "-a", Shipped, raddb);
        int port = ForegroundServer.FreeUdpPort();
        Configure(raddb, port);
        EndPoint = new IPEndPoint(IPAddress.Loopback, port);
        _server = await ForegroundServer.StartAsync(Binary, ["-X", "-d", raddb], "Ready to process requests");
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

    private static void Configure(string raddb, int port)
    {
        var pki = TestCertificates.Rsa;
        string certs = Path.Combine(raddb, "test-certs");
        Directory.CreateDirectory(certs);
        File.WriteAllText(Path.Combine(certs, "ca.pem"), pki.Authority.ExportCertificatePem());
        File.WriteAllText(Path.Combine(certs, "server.pem"), pki.Server.ExportCertificatePem());
        using (var key = System.Security.Cryptography.X509Certificates.RSACertificateExtensions.GetRSAPrivateKey(pki.Server)!)
        {
            File.WriteAllText(Path.Combine(certs, "server.key"), key.ExportPkcs8PrivateKeyPem());
        }

        string conf = File.ReadAllText(Path.Combine(raddb, "radiusd.conf"))
            .Replace("\tuser = freerad", "", StringComparison.Ordinal)
            .Replace("\tgroup = freerad", "", StringComparison.Ordinal)
            .Replace("logdir = /var/log/freeradius", $"logdir = {raddb}/log", StringComparison.Ordinal)
            .Replace("run_dir = ${localstatedir}/run/${name}", $"run_dir = {raddb}/run", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(raddb, "radiusd.conf"), conf);
        Directory.CreateDirectory(Path.Combine(raddb, "log"));
        Directory.CreateDirectory(Path.Combine(raddb, "run"));

        File.WriteAllText(Path.Combine(raddb, "clients.conf"), $$"""
            client localhost {
                ipaddr = 127.0.0.1
                secret = {{Secret}}
                require_message_authenticator = yes
            }
            """);
        File.WriteAllText(Path.Combine(raddb, "mods-config", "files", "authorize"),
            $"{EapConversation.UserName} Cleartext-Password := \"{EapConversation.UserPassword}\"\n");
        File.WriteAllText(Path.Combine(raddb, "mods-available", "eap"), $$"""
            eap {
                default_eap_type = md5
                timer_expire = 60
                ignore_unknown_eap_types = no
                max_sessions = ${max_requests}
                md5 {
                }
                gtc {
                    auth_type = PAP
                }
                mschapv2 {
                }
                tls-config tls-common {
                    private_key_file = {{certs}}/server.key
                    certificate_file = {{certs}}/server.pem
                    ca_file = {{certs}}/ca.pem
                    cipher_list = "DEFAULT"
                    tls_min_version = "1.2"
                    tls_max_version = "1.3"
                    cache {
                        enable = no
                    }
                }
                tls {
                    tls = tls-common
                }
                ttls {
                    tls = tls-common
                    default_eap_type = mschapv2
                    virtual_server = "inner-tunnel"
                }
                peap {
                    tls = tls-common
                    default_eap_type = mschapv2
                    virtual_server = "inner-tunnel"
                }
            }
            """);
        File.WriteAllText(Path.Combine(raddb, "sites-available", "default"), $$"""
            server default {
                listen {
                    type = auth
                    ipaddr = 127.0.0.1
                    port = {{port}}
                }
                authorize {
                    eap {
                        ok = return
                    }
                    files
                }
                authenticate {
                    eap
                }
                post-auth {
                }
            }
            """);
        File.WriteAllText(Path.Combine(raddb, "sites-available", "inner-tunnel"), """
            server inner-tunnel {
                authorize {
                    chap
                    mschap
                    eap {
                        ok = return
                    }
                    files
                    pap
                }
                authenticate {
                    Auth-Type PAP {
                        pap
                    }
                    Auth-Type CHAP {
                        chap
                    }
                    Auth-Type MS-CHAP {
                        mschap
                    }
                    eap
                }
                post-auth {
                }
            }
            """);
    }

    private static async Task RunAsync(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments))!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed with exit code {process.ExitCode}");
        }
    }
}
