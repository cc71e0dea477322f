using System.Collections.Concurrent;
using System.Net;
using IpsecTun.Core;
using IpsecTun.Platform;

namespace IpsecTun.Engine.Tests.Runtime.Fakes;

/// <summary>A socket of a <see cref="MemoryHost"/>: receives what the network delivers, sends through the network.</summary>
internal sealed class MemorySocket : IDatagramSocket
{
    private readonly MemoryNetwork _network;
    private readonly BlockingCollection<(byte[] Data, NetworkEndpoint Source)> _queue = new();
    private readonly CancellationTokenSource _stop = new();

    public MemorySocket(MemoryNetwork network, IPAddress hostAddress, IPEndPoint bound, bool isRaw)
    {
        _network = network;
        HostAddress = hostAddress;
        IsRaw = isRaw;
        LocalEndpoint = NetworkEndpoint.From(bound);
        network.Bind(this);
    }

    public IPAddress HostAddress { get; }

    public bool IsRaw { get; }

    public NetworkEndpoint LocalEndpoint { get; }

    public long OversizedReceives => 0;

    public long SendErrors => 0;

    internal void Enqueue(byte[] datagram, NetworkEndpoint source) => _queue.Add((datagram, source));

    /// <summary>The next datagram without waiting, for a test that drives many sockets from one thread.</summary>
    internal bool TryReceive(out byte[] datagram, out NetworkEndpoint source)
    {
        bool taken = _queue.TryTake(out (byte[] Data, NetworkEndpoint Source) item);
        (datagram, source) = taken ? item : ([], default);
        return taken;
    }

    public int ReceiveBatch(Span<PacketBuffer> buffers, Span<NetworkEndpoint> sources)
    {
        try
        {
            (byte[] Data, NetworkEndpoint Source) item = _queue.Take(_stop.Token);
            int count = 0;
            while (true)
            {
                buffers[count].TrySet(item.Data);
                sources[count] = item.Source;
                count++;
                if (count == buffers.Length || !_queue.TryTake(out item))
                {
                    return count;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return 0;
        }
    }

    public int SendBatch(ReadOnlySpan<PacketBuffer> datagrams, ReadOnlySpan<NetworkEndpoint> destinations)
    {
        for (int i = 0; i < datagrams.Length; i++)
        {
            _network.Send(this, datagrams[i].Data, destinations[i]);
        }

        return datagrams.Length;
    }

    public void StopReceiving() => _stop.Cancel();

    public void Dispose()
    {
        _network.Unbind(this);
        _stop.Dispose();
        _queue.Dispose();
    }
}
