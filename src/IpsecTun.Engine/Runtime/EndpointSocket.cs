using IpsecTun.Core;
using IpsecTun.Platform;

namespace IpsecTun.Engine.Runtime;

/// <summary>
/// One bound socket of the endpoint and what arrives on it. Sends are serialised: the IKE thread and the
/// datapath threads share the socket, and a socket's batch buffers serve one send at a time.
/// </summary>
internal sealed class EndpointSocket(IDatagramSocket socket, SocketRole role) : IDisposable
{
    private readonly Lock _send = new();

    public IDatagramSocket Socket { get; } = socket;

    public SocketRole Role { get; } = role;

    public NetworkEndpoint Local { get; } = socket.LocalEndpoint;

    /// <summary>Bound to the wildcard address, so it sends from whatever address the route picks.</summary>
    public bool IsWildcard => Local.Address == UInt128.Zero;

    public bool Serves(byte version, UInt128 address, ushort port) =>
        Local.Version == version && (Role is SocketRole.Esp or SocketRole.Ah || Local.Port == port) && (IsWildcard || Local.Address == address);

    public int Send(ReadOnlySpan<PacketBuffer> datagrams, ReadOnlySpan<NetworkEndpoint> destinations)
    {
        lock (_send)
        {
            return Socket.SendBatch(datagrams, destinations);
        }
    }

    public void Dispose() => Socket.Dispose();
}
