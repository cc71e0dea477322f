using System.Net;
using System.Runtime.Versioning;
using IpsecTun.Platform.Sockets;

namespace IpsecTun.Platform.Tests.Sockets;

/// <summary>Opens the socket of a <see cref="SocketKind"/>, and reads back what only the concrete types expose.</summary>
[SupportedOSPlatform("linux")]
internal static class SocketsUnderTest
{
    public static IDatagramSocket Udp(SocketKind kind, IPAddress address, UdpSocketOptions? options = null) =>
        Udp(kind, new IPEndPoint(address, 0), options);

    public static IDatagramSocket Udp(SocketKind kind, IPEndPoint local, UdpSocketOptions? options = null) => kind == SocketKind.Batched
        ? UdpSocket.Open(local, options ?? UdpSocketOptions.Default)
        : ManagedUdpSocket.Open(local, options ?? UdpSocketOptions.Default);

    public static IRawIpSocket Raw(SocketKind kind, IPAddress local, byte protocol, bool includeIpHeader = false) => kind == SocketKind.Batched
        ? RawIpSocket.Open(local, protocol, includeIpHeader)
        : ManagedRawIpSocket.Open(local, protocol, includeIpHeader);

    /// <summary>A socket option as the kernel reports it.</summary>
    public static int Option(IDatagramSocket socket, int level, int name) => socket switch
    {
        UdpSocket udp => udp.GetOption(level, name),
        ManagedDatagramSocket managed => managed.GetOption(level, name),
        _ => throw new ArgumentException("Not a socket under test.", nameof(socket)),
    };

    /// <summary>SO_RCVBUF and SO_SNDBUF as the kernel reports them (doubled).</summary>
    public static (int Receive, int Send) BufferSizes(IDatagramSocket socket) => socket switch
    {
        UdpSocket udp => (udp.ReceiveBufferSize, udp.SendBufferSize),
        ManagedUdpSocket managed => (managed.ReceiveBufferSize, managed.SendBufferSize),
        _ => throw new ArgumentException("Not a UDP socket under test.", nameof(socket)),
    };

    /// <summary>Runs <paramref name="body"/> in a network namespace of its own with loopback up.</summary>
    public static void InLoopback(Action body) => IsolatedNetwork.Run(() =>
    {
        using var network = new NetlinkNetworkConfigurator();
        network.SetLinkUp(1, true);
        body();
    });
}
