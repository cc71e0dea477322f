using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;

namespace IpsecTun.Engine.Tests.Control;

/// <summary>A control client that sends and reads bare lines, to speak the protocol wrongly on purpose.</summary>
[UnsupportedOSPlatform("windows")]
internal sealed class RawClient : IDisposable
{
    private readonly Socket socket = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly StreamReader reader;
    private readonly NetworkStream stream;

    public RawClient(string path)
    {
        socket.Connect(new UnixDomainSocketEndPoint(path));
        stream = new NetworkStream(socket);
        reader = new StreamReader(stream, Encoding.UTF8);
    }

    public async Task SendAsync(string text) => await stream.WriteAsync(Encoding.UTF8.GetBytes(text), TestContext.Current.CancellationToken);

    /// <summary>The next line, or null once the server closed the connection.</summary>
    public async Task<string?> ReadLineAsync() => await reader.ReadLineAsync(TestContext.Current.CancellationToken);

    public void Dispose()
    {
        reader.Dispose();
        socket.Dispose();
    }
}
