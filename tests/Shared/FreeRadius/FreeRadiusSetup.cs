using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace IpsecTun.Tests.Shared.FreeRadius;

/// <summary>
/// A FreeRADIUS 3 configuration for tests, written on a copy of Debian's <c>/etc/freeradius/3.0</c> so that
/// <c>freeradius -X -f -d DIR</c> runs as root without switching user: one client (127.0.0.1 with
/// <see cref="Secret"/>, Message-Authenticator required), the <see cref="Users"/> with their reply attributes,
/// EAP-MD5, GTC and MS-CHAPv2, and with <see cref="Tls"/> EAP-TLS, TTLS and PEAP (inner methods through the
/// inner-tunnel server), authentication on <see cref="AuthenticationPort"/> and, when
/// <see cref="AccountingPort"/> is set, accounting written by the detail module to <c>log/detail</c>.
/// </summary>
internal sealed record FreeRadiusSetup
{
    public const string Binary = "/usr/sbin/freeradius";

    public const string Shipped = "/etc/freeradius/3.0";

    /// <summary>The line FreeRADIUS prints once it listens.</summary>
    public const string ReadyLine = "Ready to process requests";

    public required string Secret { get; init; }

    public required IReadOnlyList<FreeRadiusUser> Users { get; init; }

    public int AuthenticationPort { get; init; } = 1812;

    public int? AccountingPort { get; init; }

    /// <summary>The method FreeRADIUS proposes first (the peer may Nak it).</summary>
    public string DefaultEapType { get; init; } = "md5";

    /// <summary>The CA that client certificates must chain to, the server's certificate and its key, as PEM; null for no TLS methods.</summary>
    public (string CaPem, string CertificatePem, string KeyPem)? Tls { get; init; }

    /// <summary>Whether FreeRADIUS is installed where the setup expects it.</summary>
    public static bool IsInstalled => File.Exists(Binary) && Directory.Exists(Shipped);

    /// <summary>The arguments that run FreeRADIUS in the foreground with debug output on the configuration in <paramref name="raddb"/>.</summary>
    public static string[] Arguments(string raddb) => ["-X", "-f", "-d", raddb];

    /// <summary>Where the detail module writes accounting requests in <paramref name="raddb"/>.</summary>
    public static string DetailFile(string raddb) => Path.Combine(raddb, "log", "detail");

    /// <summary>Copies the shipped configuration into <paramref name="directory"/>/raddb, configures it, and returns that folder.</summary>
    public string Write(string directory)
    {
        string raddb = Path.Combine(directory, "raddb");
        using (var copy = Process.Start(new ProcessStartInfo("cp", ["-a", Shipped, raddb]))!)
        {
            copy.WaitForExit();
            if (copy.ExitCode != 0)
            {
                throw new InvalidOperationException($"copying {Shipped} failed with exit code {copy.ExitCode}");
            }
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
                secret = "{{Secret}}"
                require_message_authenticator = yes
            }
            """);
        File.WriteAllText(Path.Combine(raddb, "mods-config", "files", "authorize"), string.Concat(Users.Select(u => u.ToUsersEntry())));
        File.WriteAllText(Path.Combine(raddb, "mods-available", "eap"), EapModule(raddb));
        File.WriteAllText(Path.Combine(raddb, "mods-available", "detail"), $$"""
            detail {
                filename = {{DetailFile(raddb)}}
                escape_filenames = no
                permissions = 0600
                header = "%t"
            }
            """);
        File.WriteAllText(Path.Combine(raddb, "sites-available", "default"), DefaultServer());
        File.WriteAllText(Path.Combine(raddb, "sites-available", "inner-tunnel"), InnerTunnel);
        return raddb;
    }

    private string EapModule(string raddb)
    {
        var eap = new StringBuilder($$"""
            eap {
                default_eap_type = {{DefaultEapType}}
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

            """);
        if (Tls is var (ca, certificate, key))
        {
            string certs = Path.Combine(raddb, "test-certs");
            Directory.CreateDirectory(certs);
            File.WriteAllText(Path.Combine(certs, "ca.pem"), ca);
            File.WriteAllText(Path.Combine(certs, "server.pem"), certificate);
            File.WriteAllText(Path.Combine(certs, "server.key"), key);
            eap.Append(CultureInfo.InvariantCulture, $$"""
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

                """);
        }

        eap.Append('}').AppendLine();
        return eap.ToString();
    }

    /// <summary>The outer server; EAP-GTC checks its password through PAP (the gtc module's auth_type).</summary>
    private string DefaultServer() => $$"""
        server default {
            listen {
                type = auth
                ipaddr = 127.0.0.1
                port = {{AuthenticationPort}}
            }
            {{(AccountingPort is { } port ? $"listen {{\n        type = acct\n        ipaddr = 127.0.0.1\n        port = {port}\n    }}" : "")}}
            authorize {
                eap {
                    ok = return
                }
                files
            }
            authenticate {
                Auth-Type PAP {
                    pap
                }
                Auth-Type MS-CHAP {
                    mschap
                }
                eap
            }
            post-auth {
            }
            preacct {
            }
            accounting {
                detail
            }
        }
        """;

    /// <summary>The server for the methods inside TTLS and PEAP; it listens on nothing of its own.</summary>
    private const string InnerTunnel = """
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
        """;
}
