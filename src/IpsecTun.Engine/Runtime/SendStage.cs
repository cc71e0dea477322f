using IpsecTun.Core;
using IpsecTun.Platform;

namespace IpsecTun.Engine.Runtime;

/// <summary>
/// One thread's outgoing datagrams, gathered per socket so that each socket sends a batch per system call.
/// Allocated once per thread; adding and flushing allocate nothing.
/// </summary>
internal sealed class SendStage
{
    private readonly EndpointSocket[] _sockets;
    private readonly PacketBuffer[][] _datagrams;
    private readonly NetworkEndpoint[][] _destinations;
    private readonly int[] _counts;

    public SendStage(EndpointSocket[] sockets, int batch)
    {
        _sockets = sockets;
        _datagrams = [.. sockets.Select(_ => new PacketBuffer[batch])];
        _destinations = [.. sockets.Select(_ => new NetworkEndpoint[batch])];
        _counts = new int[sockets.Length];
    }

    public void Add(int socket, PacketBuffer datagram, NetworkEndpoint destination)
    {
        if (_counts[socket] == _datagrams[socket].Length)
        {
            Flush(socket);
        }

        int i = _counts[socket]++;
        _datagrams[socket][i] = datagram;
        _destinations[socket][i] = destination;
    }

    public void FlushAll()
    {
        for (int i = 0; i < _sockets.Length; i++)
        {
            Flush(i);
        }
    }

    /// <summary>Forgets what a batch that faulted left staged, before its buffers are filled again.</summary>
    public void Clear()
    {
        for (int i = 0; i < _sockets.Length; i++)
        {
            Array.Clear(_datagrams[i], 0, _counts[i]);
            _counts[i] = 0;
        }
    }

    private void Flush(int socket)
    {
        int count = _counts[socket];
        if (count == 0)
        {
            return;
        }

        _sockets[socket].Send(_datagrams[socket].AsSpan(0, count), _destinations[socket].AsSpan(0, count));
        Array.Clear(_datagrams[socket], 0, count);
        _counts[socket] = 0;
    }
}
