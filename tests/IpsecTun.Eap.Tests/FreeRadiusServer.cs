using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using IpsecTun.Tests.Shared.FreeRadius;

namespace IpsecTun.Eap.Tests;

/// <summary>
/// FreeRADIUS 3 in the foreground (<c>freeradius -X</c>) on a copy of the Debian configuration in a temporary
/// directory: our test PKI, one user, EAP with TLS, TTLS (inner PAP/CHAP/MS-CHAP/MS-CHAPv2/EAP) and PEAP,
/// listening on a free 127.0.0.1 port. Unavailable (and the tests skip) unless root with FreeRADIUS installed.
/// </summary>
public sealed class FreeRadiusServer : IAsyncLifetime
{
    public const string Secret = "testing123";

    private readonly StringBuilder _log = new();
    private string? _directory;
    private Process? _process;

    public IPEndPoint? EndPoint { get; private set; }

    /// <summary>Why the server is not running, or null when it is.</summary>
    public string? Unavailable { get; private set; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (!FreeRadiusSetup.IsInstalled)
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
        int port = FreePort();
        string raddb = Setup(port).Write(_directory);
        EndPoint = new IPEndPoint(IPAddress.Loopback, port);
        _process = Process.Start(new ProcessStartInfo(FreeRadiusSetup.Binary, FreeRadiusSetup.Arguments(raddb))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Collect(object sender, DataReceivedEventArgs e)
        {
            lock (_log)
            {
                _log.AppendLine(e.Data);
            }

            if (e.Data?.Contains(FreeRadiusSetup.ReadyLine, StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        }

        _process.OutputDataReceived += Collect;
        _process.ErrorDataReceived += Collect;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var exited = _process.WaitForExitAsync();
        if (await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(30))) != ready.Task)
        {
            throw new InvalidOperationException("FreeRADIUS did not start:\n" + Log);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

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

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
