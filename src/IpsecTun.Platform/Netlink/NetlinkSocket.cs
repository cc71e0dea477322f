using System.Buffers.Binary;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace IpsecTun.Platform.Netlink;

/// <summary>
/// A NETLINK_ROUTE socket in the caller's network namespace that sends one request at a time and waits for
/// the kernel's acknowledgement, turning a negative one into an exception with the kernel's errno.
/// </summary>
internal sealed class NetlinkSocket : IDisposable
{
    private const int NETLINK_ROUTE = 0;
    private const int ReceiveBufferSize = 64 * 1024;

    private readonly Lock _lock = new();
    private readonly byte[] _receiveBuffer = new byte[ReceiveBufferSize];
    private int _fd;
    private uint _sequence;

    public unsafe NetlinkSocket()
    {
        _fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
        NativeErrors.ThrowIfFailed(_fd, "socket AF_NETLINK");
        var local = new SocketAddressNetlink { Family = (ushort)AF_NETLINK };
        if (bind(_fd, (sockaddr*)&local, (uint)sizeof(SocketAddressNetlink)) < 0)
        {
            var error = NativeErrors.Last("bind AF_NETLINK");
            _ = close(_fd);
            _fd = -1;
            throw error;
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/> (built by <see cref="NetlinkRequestWriter"/>, which leaves the
    /// sequence to this socket) and returns the kernel's errno for it, 0 on success.
    /// </summary>
    public int Execute(Span<byte> request) => Exchange(request, replyType: null, out _);

    /// <summary>
    /// Sends a request that the kernel answers with one message of <paramref name="replyType"/> (a get
    /// without a dump); returns 0 with that message's payload, or the kernel's errno.
    /// </summary>
    public int Query(Span<byte> request, ushort replyType, out byte[] reply) => Exchange(request, replyType, out reply);

    private int Exchange(Span<byte> request, ushort? replyType, out byte[] reply)
    {
        ObjectDisposedException.ThrowIf(_fd < 0, this);
        lock (_lock)
        {
            uint sequence = ++_sequence;
            BinaryPrimitives.WriteUInt32LittleEndian(request[8..], sequence);
            Send(request);
            return ReceiveAnswer(sequence, replyType, out reply);
        }
    }

    private unsafe void Send(ReadOnlySpan<byte> request)
    {
        var kernel = new SocketAddressNetlink { Family = (ushort)AF_NETLINK };
        long sent;
        do
        {
            fixed (byte* p = request)
            {
                sent = sendto(_fd, p, request.Length, 0, (sockaddr*)&kernel, (uint)sizeof(SocketAddressNetlink));
            }
        }
        while (sent < 0 && errno == EINTR);

        if (sent != request.Length)
        {
            throw NativeErrors.Last("send netlink request");
        }
    }

    private unsafe int ReceiveAnswer(uint sequence, ushort? replyType, out byte[] reply)
    {
        while (true)
        {
            var sender = default(SocketAddressNetlink);
            uint senderLength = (uint)sizeof(SocketAddressNetlink);
            long received;
            fixed (byte* p = _receiveBuffer)
            {
                received = recvfrom(_fd, p, _receiveBuffer.Length, 0, (sockaddr*)&sender, (socklen_t*)&senderLength);
            }

            if (received < 0)
            {
                if (errno == EINTR)
                {
                    continue;
                }

                throw NativeErrors.Last("receive netlink reply");
            }

            // Only the kernel (port 0) answers requests; anything else on the socket is not ours to trust.
            if (sender.PortId != 0)
            {
                continue;
            }

            if (TryFindAnswer(_receiveBuffer.AsSpan(0, (int)received), sequence, replyType, out int result, out reply))
            {
                return result;
            }
        }
    }

    /// <summary>Walks a datagram for the NLMSG_ERROR that answers <paramref name="sequence"/>.</summary>
    internal static bool TryFindAcknowledgement(ReadOnlySpan<byte> datagram, uint sequence, out int errno) =>
        TryFindAnswer(datagram, sequence, replyType: null, out errno, out _);

    /// <summary>
    /// Walks a datagram for the answer to <paramref name="sequence"/>: an NLMSG_ERROR (its errno, 0 for an
    /// acknowledgement) or, when <paramref name="replyType"/> is given, a message of that type (errno 0 and a
    /// copy of its payload in <paramref name="reply"/>).
    /// </summary>
    internal static bool TryFindAnswer(ReadOnlySpan<byte> datagram, uint sequence, ushort? replyType, out int errno, out byte[] reply)
    {
        errno = 0;
        reply = [];
        while (!datagram.IsEmpty)
        {
            if (!NetlinkHeader.TryRead(datagram, out NetlinkHeader header, out int consumed))
            {
                throw new InvalidDataException("The kernel sent a malformed netlink message.");
            }

            if (header.Sequence == sequence && header.Type == NetlinkHeader.TypeError)
            {
                if (!NetlinkError.TryRead(datagram[NetlinkHeader.Size..header.Length], out errno, out uint answered)
                    || answered != sequence)
                {
                    throw new InvalidDataException("The kernel sent a malformed netlink acknowledgement.");
                }

                return true;
            }

            if (header.Sequence == sequence && header.Type == replyType)
            {
                reply = datagram[NetlinkHeader.Size..header.Length].ToArray();
                return true;
            }

            datagram = datagram[consumed..];
        }

        return false;
    }

    public void Dispose()
    {
        if (_fd >= 0)
        {
            _ = close(_fd);
            _fd = -1;
        }
    }
}
