namespace IpsecTun.Interop.Tests.Lab;

/// <summary>
/// strongSwan's charon in a namespace with its user-space datapath (kernel-libipsec: ESP in UDP, tunnel
/// mode, its own TUN device), a private /run and its own vici socket, configured with the given
/// swanctl.conf text and any further plugin settings for strongswan.conf. Connections are loaded on start.
/// </summary>
internal sealed class StrongSwanDaemon : IDisposable
{
    private const string Plugins =
        "random nonce x509 revocation constraints pubkey pkcs1 pkcs8 pkcs12 pem openssl gcrypt aes sha1 sha2 md5 hmac gcm ccm chapoly ctr xcbc cmac kdf gmp mgf1 curve25519 " +
        "kernel-libipsec kernel-netlink socket-default vici updown attr resolve " +
        "eap-identity eap-mschapv2 eap-md5 eap-gtc eap-tls eap-ttls eap-radius";

    private readonly BackgroundProcess _charon;
    private readonly string _uri;
    private readonly string _swanctlConf;

    public StrongSwanDaemon(NetworkNamespace netns, TemporaryDirectory directory, string swanctlConf, string pluginSettings = "")
    {
        Namespace = netns;
        string vici = Path.Combine(directory.Path, "charon.vici");
        _uri = $"unix://{vici}";
        ResolvConf = Path.Combine(directory.Path, "resolv.conf");
        string strongswanConf = directory.Write("strongswan.conf", $$"""
            charon {
              load = {{Plugins}}
              port = 500
              port_nat_t = 4500
              install_routes = yes
              retransmit_tries = 3
              retransmit_timeout = 2.0
              plugins {
                vici { socket = {{_uri}} }
                kernel-libipsec { allow_peer_ts = yes }
                resolve { file = {{ResolvConf}} }
                {{pluginSettings}}
              }
              filelog {
                stderr { default = 1 ike = 2 cfg = 2 time = yes }
              }
            }
            """);
        _swanctlConf = directory.Write("swanctl/swanctl.conf", swanctlConf);
        Directory.CreateDirectory(Path.Combine(directory.Path, "swanctl", "x509"));
        Directory.CreateDirectory(Path.Combine(directory.Path, "swanctl", "x509ca"));
        Directory.CreateDirectory(Path.Combine(directory.Path, "swanctl", "private"));
        CredentialsDirectory = Path.Combine(directory.Path, "swanctl");

        _charon = new BackgroundProcess(
            "ip",
            netns.Wrap("unshare", "-m", "sh", "-c", $"mount -t tmpfs none /run && exec {LabRequirement.Charon}"),
            new Dictionary<string, string> { ["STRONGSWAN_CONF"] = strongswanConf });
        WaitFor(() => File.Exists(vici), TimeSpan.FromSeconds(15), "charon's vici socket");
        Swanctl("--load-all", "--file", _swanctlConf).EnsureSuccess();
    }

    public NetworkNamespace Namespace { get; }

    /// <summary>Where charon writes the DNS servers mode-config gave it (never the host's /etc/resolv.conf).</summary>
    public string ResolvConf { get; }

    /// <summary>The folder whose x509/, x509ca/ and private/ swanctl loads certificates and keys from.</summary>
    public string CredentialsDirectory { get; }

    /// <summary>charon's log so far, for failure messages.</summary>
    public string Log => _charon.Output;

    public bool HasExited => _charon.HasExited;

    public CommandResult Swanctl(params string[] arguments) =>
        Namespace.Exec(TimeSpan.FromSeconds(40), ["swanctl", .. arguments, "--uri", _uri]);

    /// <summary>Starts the Child SA <paramref name="child"/> and waits for the outcome.</summary>
    public CommandResult Initiate(string child) => Swanctl("--initiate", "--child", child, "--timeout", "30");

    public string ListSas() => Swanctl("--list-sas").Output;

    /// <summary>Reloads the connections and credentials from the swanctl folder (after certificates were added).</summary>
    public void Reload() => Swanctl("--load-all", "--file", _swanctlConf).EnsureSuccess();

    /// <summary>Kills charon without a chance to send deletes, as a crash or a power cut would.</summary>
    public void Kill() => Command.Run("kill", "-9", _charon.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => _charon.Dispose();

    internal static void WaitFor(Func<bool> condition, TimeSpan timeout, string what)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds} s waiting for {what}.");
            }

            Thread.Sleep(100);
        }
    }
}
