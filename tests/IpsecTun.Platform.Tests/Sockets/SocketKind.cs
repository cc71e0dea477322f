namespace IpsecTun.Platform.Tests.Sockets;

/// <summary>The two datagram paths, which every socket test runs against.</summary>
public enum SocketKind
{
    /// <summary>Linux: recvmmsg/sendmmsg (<see cref="UdpSocket"/>, <see cref="RawIpSocket"/>).</summary>
    Batched,

    /// <summary>System.Net.Sockets, one datagram per call: the Windows path, run here on Linux.</summary>
    Managed,
}
