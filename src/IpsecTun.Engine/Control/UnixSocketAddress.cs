using System.Net.Sockets;
using System.Text;

namespace IpsecTun.Engine.Control;

/// <summary>The address of a control socket path, with the kernel's length limit said in words instead of an ArgumentOutOfRangeException.</summary>
internal static class UnixSocketAddress
{
    // sockaddr_un.sun_path is 108 bytes, including the terminating NUL.
    private const int MaxPathBytes = 107;

    /// <exception cref="ArgumentException">The path is longer than a Unix socket path may be.</exception>
    public static UnixDomainSocketEndPoint For(string path) => Encoding.UTF8.GetByteCount(path) <= MaxPathBytes
        ? new UnixDomainSocketEndPoint(path)
        : throw new ArgumentException($"the control socket path {path} is longer than the {MaxPathBytes} bytes a Unix socket path may have", nameof(path));
}
