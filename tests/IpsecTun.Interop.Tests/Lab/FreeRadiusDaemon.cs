namespace IpsecTun.Interop.Tests.Lab;

/// <summary>
/// FreeRADIUS 3 in the foreground (<c>freeradius -X</c>) inside a namespace, on a copy of Debian's configuration:
/// one user, EAP-MD5 and EAP-MSCHAPv2, authentication on 127.0.0.1:1812 and accounting on :1813 (the namespace's
/// own loopback, so the ports are free), accounting written to a detail file.
/// </summary>
internal sealed class FreeRadiusDaemon : IDisposable
{
    public const string Secret = "interop radius secret";
    public const int AuthenticationPort = 1812;
    private const string Binary = "/usr/sbin/freeradius";
    private const string Shipped = "/etc/freeradius/3.0";

    private readonly BackgroundProcess _process;

    public FreeRadiusDaemon(NetworkNamespace netns, TemporaryDirectory directory, string user, string password)
    {
        if (!File.Exists(Binary))
        {
            LabRequirement.Missing("FreeRADIUS (apt-get install freeradius)");
        }

        string raddb = Path.Combine(directory.Path, "raddb");
        Command.Run("cp", "-a", Shipped, raddb).EnsureSuccess();
        Configure(raddb, user, password);
        DetailFile = Path.Combine(raddb, "log", "detail");
        _process = new BackgroundProcess("ip", netns.Wrap(Binary, "-X", "-f", "-d", raddb));
        StrongSwanDaemon.WaitFor(
            () => _process.Output.Contains("Ready to process requests", StringComparison.Ordinal) || _process.HasExited, TimeSpan.FromSeconds(30), "FreeRADIUS");
        if (_process.HasExited)
        {
            throw new InvalidOperationException("FreeRADIUS did not start:\n" + _process.Output);
        }
    }

    /// <summary>Where FreeRADIUS writes each accounting request it receives.</summary>
    public string DetailFile { get; }

    public string Log => _process.Output;

    public void Dispose() => _process.Dispose();

    private static void Configure(string raddb, string user, string password)
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
                secret = "{{Secret}}"
                require_message_authenticator = yes
            }
            """);
        File.WriteAllText(Path.Combine(raddb, "mods-config", "files", "authorize"), $"{user} Cleartext-Password := \"{password}\"\n");
        File.WriteAllText(Path.Combine(raddb, "mods-available", "eap"), """
            eap {
                default_eap_type = mschapv2
                timer_expire = 60
                ignore_unknown_eap_types = no
                max_sessions = ${max_requests}
                md5 {
                }
                mschapv2 {
                }
            }
            """);
        File.WriteAllText(Path.Combine(raddb, "sites-available", "default"), $$"""
            server default {
                listen {
                    type = auth
                    ipaddr = 127.0.0.1
                    port = {{AuthenticationPort}}
                }
                listen {
                    type = acct
                    ipaddr = 127.0.0.1
                    port = {{AuthenticationPort + 1}}
                }
                authorize {
                    eap {
                        ok = return
                    }
                    files
                }
                authenticate {
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
            """);
        File.Delete(Path.Combine(raddb, "sites-enabled", "inner-tunnel"));
        File.WriteAllText(Path.Combine(raddb, "mods-available", "detail"), $$"""
            detail {
                filename = {{raddb}}/log/detail
                escape_filenames = no
                permissions = 0600
                header = "%t"
            }
            """);
    }
}
