using System.Net.Sockets;
using System.Runtime.InteropServices;
using IpsecTun.Core;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace IpsecTun.Platform.Native;

/// <summary>
/// Linux: a bound, non-blocking datagram socket (UDP or raw IP) that moves a batch per recvmmsg/sendmmsg
/// through native arrays allocated once. Oversized datagrams and refused sends are dropped and counted.
/// </summary>
internal sealed class BatchedSocket : IDisposable
{
    public const int MaxBatch = 64;

    private readonly ReadinessWaiter _waiter;
    private readonly MessageBatch _receive = new(MaxBatch);
    private readonly MessageBatch _send = new(MaxBatch);
    private int _fd;
    private long _oversizedReceives;
    private long _sendErrors;

    private BatchedSocket(int fd, NetworkEndpoint local)
    {
        _fd = fd;
        LocalEndpoint = local;
        _waiter = new ReadinessWaiter();
    }

    public NetworkEndpoint LocalEndpoint { get; }

    public long OversizedReceives => Interlocked.Read(ref _oversizedReceives);

    public long SendErrors => Interlocked.Read(ref _sendErrors);

    /// <summary>
    /// Creates and binds a socket; <paramref name="configure"/> sets options on the descriptor before
    /// binding.
    /// </summary>
    public static unsafe BatchedSocket Open(NetworkEndpoint local, int type, int protocol, Action<int>? configure)
    {
        bool v6 = local.Version == 6;
        int fd = socket(v6 ? AF_INET6 : AF_INET, type | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
        NativeErrors.ThrowIfFailed(fd, "socket");
        try
        {
            configure?.Invoke(fd);
            byte* address = stackalloc byte[SocketAddressCodec.MaxLength];
            int length = SocketAddressCodec.Write(local, new Span<byte>(address, SocketAddressCodec.MaxLength));
            NativeErrors.ThrowIfFailed(bind(fd, (sockaddr*)address, (uint)length), $"bind {local}");
            uint boundLength = SocketAddressCodec.MaxLength;
            NativeErrors.ThrowIfFailed(getsockname(fd, (sockaddr*)address, (socklen_t*)&boundLength), "getsockname");
            SocketAddressCodec.TryRead(new ReadOnlySpan<byte>(address, (int)boundLength), out NetworkEndpoint bound);
            return new BatchedSocket(fd, bound);
        }
        catch
        {
            ReadinessWaiter.CloseIfOpen(fd);
            throw;
        }
    }

    public static unsafe void SetOption(int fd, int level, int name, int value, string what) =>
        NativeErrors.ThrowIfFailed(setsockopt(fd, level, name, &value, sizeof(int)), $"setsockopt {what}");

    public unsafe int GetOption(int level, int name, string what)
    {
        ObjectDisposedException.ThrowIf(_fd < 0, this);
        int value = 0;
        uint length = sizeof(int);
        NativeErrors.ThrowIfFailed(getsockopt(_fd, level, name, &value, (socklen_t*)&length), $"getsockopt {what}");
        return value;
    }

    public int Receive(Span<PacketBuffer> buffers, Span<NetworkEndpoint> sources)
    {
        ObjectDisposedException.ThrowIf(_fd < 0, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(sources.Length, buffers.Length, nameof(sources));
        int count = Math.Min(buffers.Length, MaxBatch);
        if (count == 0)
        {
            return 0;
        }

        while (true)
        {
            int filled = ReceiveAvailable(buffers[..count], sources);
            if (filled > 0)
            {
                return filled;
            }

            if (!_waiter.WaitReadable(_fd, $"socket {LocalEndpoint}"))
            {
                return 0;
            }
        }
    }

    private unsafe int ReceiveAvailable(Span<PacketBuffer> buffers, Span<NetworkEndpoint> sources)
    {
        for (int i = 0; i < buffers.Length; i++)
        {
            buffers[i].Reset();
            _receive.Set(i, buffers[i].Writable, SocketAddressCodec.MaxLength);
        }

        int received = MultiMessageCalls.ReceiveMany(_fd, _receive.Headers, (uint)buffers.Length, 0, null);
        if (received < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno == EAGAIN || errno == EINTR)
            {
                return 0;
            }

            throw NativeErrors.FromErrno(errno, "recvmmsg");
        }

        // Kept datagrams move to the front, so buffers[..filled] and sources[..filled] line up.
        int filled = 0;
        for (int i = 0; i < received; i++)
        {
            ref MultiMessageHeader message = ref _receive.Headers[i];
            bool truncated = (message.Header.Flags & MultiMessageCalls.MSG_TRUNC) != 0;
            int nameLength = (int)Math.Min(message.Header.NameLength, SocketAddressCodec.MaxLength);
            if (truncated || !SocketAddressCodec.TryRead(_receive.Name(i)[..nameLength], out NetworkEndpoint source))
            {
                Interlocked.Increment(ref _oversizedReceives);
                continue;
            }

            buffers[i].SetLength((int)message.Length);
            (buffers[filled], buffers[i]) = (buffers[i], buffers[filled]);
            sources[filled] = source;
            filled++;
        }

        return filled;
    }

    public unsafe int Send(ReadOnlySpan<PacketBuffer> datagrams, ReadOnlySpan<NetworkEndpoint> destinations)
    {
        ObjectDisposedException.ThrowIf(_fd < 0, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(destinations.Length, datagrams.Length, nameof(destinations));
        int sent = 0;
        for (int start = 0; start < datagrams.Length;)
        {
            int count = Math.Min(datagrams.Length - start, MaxBatch);
            for (int i = 0; i < count; i++)
            {
                int nameLength = SocketAddressCodec.Write(destinations[start + i], _send.Name(i));
                _send.Set(i, datagrams[start + i].Data, nameLength);
            }

            int result = MultiMessageCalls.SendMany(_fd, _send.Headers, (uint)count, 0);
            if (result <= 0)
            {
                if (result < 0 && Marshal.GetLastPInvokeError() == EINTR)
                {
                    continue;
                }

                // The first datagram of the batch was refused (no route, buffer full): drop it, go on.
                Interlocked.Increment(ref _sendErrors);
                start++;
                continue;
            }

            sent += result;
            start += result;
        }

        return sent;
    }

    public void Stop() => _waiter.Stop();

    public void Dispose()
    {
        ReadinessWaiter.CloseIfOpen(_fd);
        _fd = -1;
        _waiter.Dispose();
        _receive.Dispose();
        _send.Dispose();
    }
}
