namespace IpsecTun.Interop.Tests.Lab;

/// <summary>
/// hostapd's integrated RADIUS and EAP server (<c>driver=none</c>, <c>hostapd -dd</c>) inside a namespace on
/// 127.0.0.1:1812 with <see cref="FreeRadiusDaemon.Secret"/>: PEAPv0 with EAP-MSCHAPv2 inside for user
/// <see cref="EapLabConfig.User"/>, the gateway certificate of the lab PKI. Unlike FreeRADIUS 3 its PEAP server sends
/// a Cryptobinding TLV and checks the peer's (logging each one it verifies), and then derives the MSK from the
/// Compound Session Key.
/// </summary>
internal sealed class HostapdRadiusDaemon : IDisposable
{
    private const string Binary = "/usr/sbin/hostapd";

    private readonly BackgroundProcess _process;

    public HostapdRadiusDaemon(NetworkNamespace netns, TemporaryDirectory directory, EapClientPki pki, string password)
    {
        if (!File.Exists(Binary))
        {
            LabRequirement.Missing("hostapd (apt-get install hostapd)");
        }

        string clients = directory.Write("hostapd/clients", $"127.0.0.1/32 {FreeRadiusDaemon.Secret}\n");
        string users = directory.Write("hostapd/eap_users", $"* PEAP\n\"{EapLabConfig.User}\" MSCHAPV2 \"{password}\" [2]\n");
        string configuration = directory.Write("hostapd/hostapd.conf", $"""
            driver=none
            logger_stdout=-1
            logger_stdout_level=0
            radius_server_clients={clients}
            radius_server_auth_port={FreeRadiusDaemon.AuthenticationPort}
            eap_server=1
            eap_user_file={users}
            ca_cert={pki.CaCertificate}
            server_cert={pki.Gateway.Certificate}
            private_key={pki.Gateway.Key}
            """);
        _process = new BackgroundProcess("ip", netns.Wrap(Binary, "-dd", configuration));
        StrongSwanDaemon.WaitFor(
            () => _process.Output.Contains("Setup of interface done", StringComparison.Ordinal) || _process.HasExited, TimeSpan.FromSeconds(30), "hostapd");
        if (_process.HasExited)
        {
            throw new InvalidOperationException("hostapd did not start:\n" + _process.Output);
        }
    }

    public string Log => _process.Output;

    public void Dispose() => _process.Dispose();
}
