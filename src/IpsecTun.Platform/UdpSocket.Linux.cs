using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using IpsecTun.Core;
using IpsecTun.Platform.Native;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace IpsecTun.Platform;

/// <summary>Linux: recvmmsg and sendmmsg move a batch per system call.</summary>
public sealed partial class UdpSocket
{
    private int _fd = -1;
    private ReadinessWaiter _waiter = null!;
    private MessageBatch _receive = null!;
    private MessageBatch _send = null!;

    [SupportedOSPlatform("linux")]
    private static unsafe UdpSocket OpenLinux(IPEndPoint local)
    {
        ArgumentNullException.ThrowIfNull(local);
        bool v6 = local.AddressFamily == AddressFamily.InterNetworkV6;
        int fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_UDP);
        NativeErrors.ThrowIfFailed(fd, "socket UDP");
        try
        {
            if (v6)
            {
                // One socket per family: an IPv6 socket never sees IPv4 as mapped addresses.
                int on = 1;
                NativeErrors.ThrowIfFailed(setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof(int)), "setsockopt IPV6_V6ONLY");
            }

            byte* address = stackalloc byte[SocketAddressCodec.MaxLength];
            int length = SocketAddressCodec.Write(UdpEndpoint.From(local), new Span<byte>(address, SocketAddressCodec.MaxLength));
            NativeErrors.ThrowIfFailed(bind(fd, (sockaddr*)address, (uint)length), $"bind {local}");
            uint boundLength = SocketAddressCodec.MaxLength;
            NativeErrors.ThrowIfFailed(getsockname(fd, (sockaddr*)address, (socklen_t*)&boundLength), "getsockname");
            SocketAddressCodec.TryRead(new ReadOnlySpan<byte>(address, (int)boundLength), out UdpEndpoint bound);
            return new UdpSocket
            {
                LocalEndpoint = bound,
                _fd = fd,
                _waiter = new ReadinessWaiter(),
                _receive = new MessageBatch(MaxBatch),
                _send = new MessageBatch(MaxBatch),
            };
        }
        catch
        {
            ReadinessWaiter.CloseIfOpen(fd);
            throw;
        }
    }

    public int ReceiveBatch(Span<PacketBuffer> buffers, Span<UdpEndpoint> sources)
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

            if (!_waiter.WaitReadable(_fd, $"UDP socket {LocalEndpoint}"))
            {
                return 0;
            }
        }
    }

    private unsafe int ReceiveAvailable(Span<PacketBuffer> buffers, Span<UdpEndpoint> sources)
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
            if (truncated || !SocketAddressCodec.TryRead(_receive.Name(i)[..(int)Math.Min(message.Header.NameLength, SocketAddressCodec.MaxLength)], out UdpEndpoint source))
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

    public unsafe int SendBatch(ReadOnlySpan<PacketBuffer> datagrams, ReadOnlySpan<UdpEndpoint> destinations)
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

    public void StopReceiving() => _waiter?.Stop();

    public void Dispose()
    {
        ReadinessWaiter.CloseIfOpen(_fd);
        _fd = -1;
        _waiter?.Dispose();
        _receive?.Dispose();
        _send?.Dispose();
    }
}
