using System.Net;

namespace IpsecTun.Eap.Tests;

/// <summary>
/// A RADIUS server program run in the foreground on a free 127.0.0.1 port with a configuration written to a
/// temporary directory, as a test fixture: unavailable (and the tests skip) when the program cannot run here,
/// stopped and its directory removed afterwards.
/// </summary>
public abstract class LocalRadiusServer : IAsyncLifetime
{
    public const string Secret = "testing123";

    private string? _directory;
    private ForegroundServer? _server;

    public IPEndPoint? EndPoint { get; private set; }

    /// <summary>Why the server is not running, or null when it is.</summary>
    public string? Unavailable { get; private set; }

    public string Log => _server?.Log ?? string.Empty;

    /// <summary>The name of the temporary directory's prefix, e.g. the program's.</summary>
    private protected abstract string Name { get; }

    public async ValueTask InitializeAsync()
    {
        Unavailable = WhyUnavailable();
        if (Unavailable is not null)
        {
            return;
        }

        _directory = Directory.CreateTempSubdirectory($"ipsectun-{Name}-").FullName;
        int port = ForegroundServer.FreeUdpPort();
        (string program, string[] arguments, string readyLine) = Configure(_directory, port);
        EndPoint = new IPEndPoint(IPAddress.Loopback, port);
        _server = await ForegroundServer.StartAsync(program, arguments, readyLine);
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

        GC.SuppressFinalize(this);
    }

    /// <summary>Null when the program can run here, else why not.</summary>
    private protected abstract string? WhyUnavailable();

    /// <summary>Writes the configuration into <paramref name="directory"/> and says how to start the program on <paramref name="port"/>.</summary>
    private protected abstract (string Program, string[] Arguments, string ReadyLine) Configure(string directory, int port);
}
