namespace IpsecTun.Interop.Tests.Lab;

/// <summary>
/// FreeRADIUS 3 in the foreground inside a namespace, on a copy of Debian's configuration, with every EAP method an
/// ipsectun client can ask for: MD5, GTC, MSCHAPv2, TLS (client certificates from the lab CA), TTLS and PEAPv0 (both
/// with EAP-MSCHAPv2 inside by default; TTLS also takes PAP, CHAP and MS-CHAP AVPs), on 127.0.0.1:1812 with
/// <see cref="FreeRadiusDaemon.Secret"/>. FreeRADIUS 3 sends no PEAP Cryptobinding TLV.
/// </summary>
internal sealed class FreeRadiusTunnelDaemon : IDisposable
{
    private const string Binary = "/usr/sbin/freeradius";
    private const string Shipped = "/etc/freeradius/3.0";

    private readonly BackgroundProcess _process;

    public FreeRadiusTunnelDaemon(NetworkNamespace netns, TemporaryDirectory directory, EapClientPki pki, string password)
    {
        if (!File.Exists(Binary))
        {
            LabRequirement.Missing("FreeRADIUS (apt-get install freeradius)");
        }

        string raddb = Path.Combine(directory.Path, "raddb");
        Command.Run("cp", "-a", Shipped, raddb).EnsureSuccess();
        Configure(raddb, pki, password);
        _process = new BackgroundProcess("ip", netns.Wrap(Binary, "-X", "-f", "-d", raddb));
        StrongSwanDaemon.WaitFor(
            () => _process.Output.Contains("Ready to process requests", StringComparison.Ordinal) || _process.HasExited, TimeSpan.FromSeconds(30), "FreeRADIUS");
        if (_process.HasExited)
        {
            throw new InvalidOperationException("FreeRADIUS did not start:\n" + _process.Output);
        }
    }

    public string Log => _process.Output;

    public void Dispose() => _process.Dispose();

    private static void Configure(string raddb, EapClientPki pki, string password)
    {
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
                secret = "{{FreeRadiusDaemon.Secret}}"
                require_message_authenticator = yes
            }
            """);
        File.WriteAllText(Path.Combine(raddb, "mods-config", "files", "authorize"), $"{EapLabConfig.User} Cleartext-Password := \"{password}\"\n");
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
                    private_key_file = "{{pki.Gateway.Key}}"
                    certificate_file = "{{pki.Gateway.Certificate}}"
                    ca_file = "{{pki.CaCertificate}}"
                    cipher_list = "DEFAULT"
                    tls_min_version = "1.2"
                    tls_max_version = "1.2"
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
        const string authenticate = """
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
            """;
        File.WriteAllText(Path.Combine(raddb, "sites-available", "default"), $$"""
            server default {
                listen {
                    type = auth
                    ipaddr = 127.0.0.1
                    port = {{FreeRadiusDaemon.AuthenticationPort}}
                }
                authorize {
                    eap {
                        ok = return
                    }
                    files
                }
            {{authenticate}}
                post-auth {
                }
            }
            """);
        File.WriteAllText(Path.Combine(raddb, "sites-available", "inner-tunnel"), $$"""
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
            {{authenticate}}
                post-auth {
                }
            }
            """);
    }
}
