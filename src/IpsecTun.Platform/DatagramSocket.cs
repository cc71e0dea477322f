using IpsecTun.Core;
using IpsecTun.Platform.Native;

namespace IpsecTun.Platform;

/// <summary>
/// What <see cref="UdpSocket"/> and <see cref="RawIpSocket"/> share: batched receive and send on a bound
/// socket. Stop the receiver with <see cref="StopReceiving"/> and let it return before disposing.
/// </summary>
public abstract class DatagramSocket : IDatagramSocket
{
    private protected DatagramSocket(BatchedSocket socket) => Socket = socket;

    public virtual NetworkEndpoint LocalEndpoint => Socket.LocalEndpoint;

    public long OversizedReceives => Socket.OversizedReceives;

    public long SendErrors => Socket.SendErrors;

    private protected BatchedSocket Socket { get; }

    public int ReceiveBatch(Span<PacketBuffer> buffers, Span<NetworkEndpoint> sources) => Socket.Receive(buffers, sources);

    public int SendBatch(ReadOnlySpan<PacketBuffer> datagrams, ReadOnlySpan<NetworkEndpoint> destinations) =>
        Socket.Send(datagrams, destinations);

    public void StopReceiving() => Socket.Stop();

    public void Dispose()
    {
        Socket.Dispose();
        GC.SuppressFinalize(this);
    }
}
