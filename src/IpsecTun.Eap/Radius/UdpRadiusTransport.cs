using System.Net;
using System.Net.Sockets;

namespace IpsecTun.Eap.Radius;

/// <summary>A UDP socket bound to a local address (port 0 picks one), for one address family.</summary>
public sealed class UdpRadiusTransport : IRadiusTransport
{
    private readonly Socket _socket;
    private readonly IPEndPoint _any;

    public UdpRadiusTransport(IPEndPoint local)
    {
        ArgumentNullException.ThrowIfNull(local);
        _socket = new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(local);
        _any = new IPEndPoint(local.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint server, CancellationToken cancellationToken) =>
        await _socket.SendToAsync(datagram, SocketFlags.None, server, cancellationToken).ConfigureAwait(false);

    public async ValueTask<(int Length, IPEndPoint From)> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, _any, cancellationToken).ConfigureAwait(false);
        return (result.ReceivedBytes, (IPEndPoint)result.RemoteEndPoint);
    }

    public void Dispose() => _socket.Dispose();
}
