using System.Net;
using IpsecTun.Tests.Shared.FreeRadius;

namespace IpsecTun.Interop.Tests.Lab;

/// <summary>
/// FreeRADIUS 3 in the foreground (<c>freeradius -X</c>) inside a namespace, configured by <see cref="FreeRadiusSetup"/>:
/// one user (with a Framed-IP-Address when given), EAP-MD5, GTC and MS-CHAPv2, and with <paramref name="tls"/>
/// EAP-TLS and TTLS; authentication on 127.0.0.1:1812 and accounting on :1813 (the namespace's own loopback, so the
/// ports are free), accounting written to <see cref="DetailFile"/>.
/// </summary>
internal sealed class FreeRadiusDaemon : IDisposable
{
    public const string Secret = "interop radius secret";
    public const int AuthenticationPort = 1812;
    public const int AccountingPort = 1813;

    private readonly BackgroundProcess _process;

    /// <param name="tls">The CA that client certificates must chain to, the server certificate and its key, as PEM.</param>
    public FreeRadiusDaemon(
        NetworkNamespace netns, TemporaryDirectory directory, string user, string password, IPAddress? framedIpAddress = null,
        (string CaPem, string CertificatePem, string KeyPem)? tls = null)
    {
        if (!FreeRadiusSetup.IsInstalled)
        {
            LabRequirement.Missing("FreeRADIUS (apt-get install freeradius)");
        }

        string raddb = new FreeRadiusSetup
        {
            Secret = Secret,
            Users = [new FreeRadiusUser(user, password, framedIpAddress)],
            AuthenticationPort = AuthenticationPort,
            AccountingPort = AccountingPort,
            DefaultEapType = "mschapv2",
            Tls = tls,
        }.Write(directory.Path);
        DetailFile = FreeRadiusSetup.DetailFile(raddb);
        netns.Ip("link", "set", "lo", "up");
        _process = new BackgroundProcess("ip", netns.Wrap([FreeRadiusSetup.Binary, .. FreeRadiusSetup.Arguments(raddb)]));
        StrongSwanDaemon.WaitFor(
            () => _process.Output.Contains(FreeRadiusSetup.ReadyLine, StringComparison.Ordinal) || _process.HasExited, TimeSpan.FromSeconds(30), "FreeRADIUS");
        if (_process.HasExited)
        {
            throw new InvalidOperationException("FreeRADIUS did not start:\n" + _process.Output);
        }
    }

    /// <summary>The authentication endpoint, as ipsectun's radius entry names it.</summary>
    public static IPEndPoint EndPoint { get; } = new(IPAddress.Loopback, AuthenticationPort);

    /// <summary>Where FreeRADIUS writes each accounting request it receives.</summary>
    public string DetailFile { get; }

    public string Log => _process.Output;

    /// <summary>The accounting records in the detail file so far, oldest first.</summary>
    public IReadOnlyList<AccountingRecord> AccountingRecords() =>
        File.Exists(DetailFile) ? AccountingRecord.ParseDetail(File.ReadAllText(DetailFile)) : [];

    public void Dispose() => _process.Dispose();
}
