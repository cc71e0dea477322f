using System.Net;
using System.Net.Sockets;
using IpsecTun.Core;

namespace IpsecTun.Platform.Sockets;

/// <summary>
/// What <see cref="ManagedUdpSocket"/> and <see cref="ManagedRawIpSocket"/> share: a bound, non-blocking
/// <see cref="Socket"/> moved one datagram per call through the span and <see cref="SocketAddress"/>
/// overloads, so nothing is allocated per datagram. This is the datagram path where no batching call exists
/// (Windows has no recvmmsg/sendmmsg); it runs anywhere .NET does, which is how it is tested on Linux.
/// </summary>
/// <remarks>
/// A receive waits in <see cref="Socket.Poll(int, SelectMode)"/> slices of <see cref="WaitSlice"/>, so
/// <see cref="StopReceiving"/> is noticed within one slice, then drains while <see cref="Socket.Available"/>
/// says more is queued. Errors a datagram or an ICMP message can cause are counted or skipped, never thrown.
/// </remarks>
public abstract class ManagedDatagramSocket : IDatagramSocket
{
    /// <summary>The longest a waiting receiver takes to notice <see cref="StopReceiving"/>.</summary>
    public static readonly TimeSpan WaitSlice = TimeSpan.FromMilliseconds(200);

    private readonly Socket _socket;
    private readonly SocketAddress _receiveAddress;
    private readonly SocketAddress _sendAddress;
    private readonly bool _hasPorts;
    private long _oversizedReceives;
    private long _sendErrors;
    private volatile bool _stopped;

    private protected ManagedDatagramSocket(Socket socket, bool hasPorts)
    {
        _socket = socket;
        var local = NetworkEndpoint.From((IPEndPoint)socket.LocalEndPoint!);
        LocalEndpoint = hasPorts ? local : local with { Port = 0 };
        _hasPorts = hasPorts;
        _receiveAddress = ManagedSocketAddress.Create(local.Version);
        _sendAddress = ManagedSocketAddress.Create(local.Version);
    }

    public NetworkEndpoint LocalEndpoint { get; }

    public long OversizedReceives => Interlocked.Read(ref _oversizedReceives);

    public long SendErrors => Interlocked.Read(ref _sendErrors);

    /// <summary>The socket, for options read back by tests and the subclasses.</summary>
    internal Socket Socket => _socket;

    /// <summary>Reads a socket option as the system stores it, e.g. to check what an option became.</summary>
    internal int GetOption(int level, int name)
    {
        Span<byte> value = stackalloc byte[sizeof(int)];
        int length = _socket.GetRawSocketOption(level, name, value);
        return length == sizeof(int) ? BitConverter.ToInt32(value) : value[0];
    }

    public int ReceiveBatch(Span<PacketBuffer> buffers, Span<NetworkEndpoint> sources)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sources.Length, buffers.Length, nameof(sources));
        int microseconds = (int)(WaitSlice.Ticks / TimeSpan.TicksPerMicrosecond);
        while (buffers.Length > 0 && !_stopped)
        {
            if (!_socket.Poll(microseconds, SelectMode.SelectRead))
            {
                continue;
            }

            int filled = 0;
            do
            {
                if (TryReceive(buffers[filled], out sources[filled]))
                {
                    filled++;
                }
            }
            while (filled < buffers.Length && _socket.Available > 0);

            if (filled > 0)
            {
                return filled;
            }
        }

        return 0;
    }

    public int SendBatch(ReadOnlySpan<PacketBuffer> datagrams, ReadOnlySpan<NetworkEndpoint> destinations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destinations.Length, datagrams.Length, nameof(destinations));
        int sent = 0;
        for (int i = 0; i < datagrams.Length; i++)
        {
            if (TrySend(datagrams[i].Data, destinations[i]))
            {
                sent++;
            }
            else
            {
                Interlocked.Increment(ref _sendErrors);
            }
        }

        return sent;
    }

    public void StopReceiving() => _stopped = true;

    public void Dispose()
    {
        _socket.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Receives one datagram into <paramref name="buffer"/>. One that fills the buffer to its last byte may have
    /// been cut (Linux truncates silently, Windows reports WSAEMSGSIZE), so it is dropped and counted as
    /// oversized like one the system reported; the buffer must therefore be at least one byte larger than the
    /// largest datagram expected.
    /// </summary>
    private bool TryReceive(PacketBuffer buffer, out NetworkEndpoint source)
    {
        source = default;
        buffer.Reset();
        Span<byte> writable = buffer.Writable;
        int length;
        try
        {
            length = _socket.ReceiveFrom(writable, SocketFlags.None, _receiveAddress);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.MessageSize)
        {
            Interlocked.Increment(ref _oversizedReceives);
            return false;
        }
        catch (SocketException e) when (IsTransient(e.SocketErrorCode))
        {
            return false;
        }

        if (length >= writable.Length || !ManagedSocketAddress.TryRead(_receiveAddress, out source))
        {
            Interlocked.Increment(ref _oversizedReceives);
            return false;
        }

        if (!_hasPorts)
        {
            // A raw socket's address carries no port (or, on some systems, the protocol number).
            source = source with { Port = 0 };
        }

        buffer.SetLength(length);
        return true;
    }

    private bool TrySend(ReadOnlySpan<byte> datagram, NetworkEndpoint destination)
    {
        if (!ManagedSocketAddress.TryWrite(destination, _sendAddress))
        {
            return false;
        }

        try
        {
            return _socket.SendTo(datagram, SocketFlags.None, _sendAddress) == datagram.Length;
        }
        catch (SocketException)
        {
            // No route, a full buffer (the socket does not block) or a size above the path MTU with DF.
            return false;
        }
    }

    /// <summary>
    /// Conditions that concern one datagram or an ICMP error queued for the socket, not the socket itself:
    /// nothing queued after all (a datagram whose checksum failed), or a port or network unreachable reported
    /// for something sent earlier.
    /// </summary>
    private static bool IsTransient(SocketError error) => error is SocketError.WouldBlock or SocketError.Interrupted
        or SocketError.ConnectionReset or SocketError.NetworkReset or SocketError.ConnectionRefused
        or SocketError.HostUnreachable or SocketError.NetworkUnreachable;

    /// <summary>
    /// Creates, configures and binds a socket; on failure nothing stays open and the error comes back as one
    /// <see cref="SocketException"/> naming <paramref name="what"/>, the address and the likely reason.
    /// </summary>
    private protected static Socket OpenBound(IPEndPoint local, Func<Socket> create, Action<Socket> configure, string what)
    {
        Socket? socket = null;
        try
        {
            socket = create();
            socket.Blocking = false;
            configure(socket);
            socket.Bind(local);
            return socket;
        }
        catch (SocketException e)
        {
            socket?.Dispose();
            throw new SocketException((int)e.SocketErrorCode, $"{what} on {local}: {e.Message}{Hint(e.SocketErrorCode)}");
        }
    }

    private static string Hint(SocketError error) => error switch
    {
        SocketError.AccessDenied => OperatingSystem.IsWindows()
            ? " (raw IP sockets need an elevated process, and another program may hold the port exclusively)"
            : " (raw IP sockets need root or CAP_NET_RAW, ports below 1024 CAP_NET_BIND_SERVICE)",
        SocketError.AddressAlreadyInUse => " (another program, such as the system's own IKE service, holds the port)",
        SocketError.AddressNotAvailable => " (no interface has this address)",
        _ => "",
    };
}
