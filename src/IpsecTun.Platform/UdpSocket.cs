using System.Net;
using System.Runtime.Versioning;

namespace IpsecTun.Platform;

/// <summary>
/// A non-blocking UDP socket of one address family, bound at <see cref="Open"/>. Each platform supplies its
/// own part. Stop the receiver with <see cref="StopReceiving"/> and let it return before disposing.
/// </summary>
public sealed partial class UdpSocket : IUdpSocket
{
    /// <summary>The most datagrams one <see cref="ReceiveBatch"/> or <see cref="SendBatch"/> call moves.</summary>
    public const int MaxBatch = 64;

    /// <summary>Binds to <paramref name="local"/>; port 0 lets the system choose, shown in <see cref="LocalEndpoint"/>.</summary>
    [SupportedOSPlatform("linux")]
    public static UdpSocket Open(IPEndPoint local) => OpenLinux(local);

    public UdpEndpoint LocalEndpoint { get; private set; }

    public long OversizedReceives => Interlocked.Read(ref _oversizedReceives);

    public long SendErrors => Interlocked.Read(ref _sendErrors);

    private long _oversizedReceives;
    private long _sendErrors;
}
