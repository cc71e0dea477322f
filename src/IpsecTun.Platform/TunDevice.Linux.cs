using System.Runtime.Versioning;
using System.Text;
using IpsecTun.Core;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace IpsecTun.Platform;

/// <summary>Linux: a non-persistent TUN from /dev/net/tun, gone from the system when its descriptor closes.</summary>
public sealed partial class TunDevice
{
    // linux/if_tun.h and linux/sockios.h; Tmds.LibC does not carry them.
    private const int TUNSETIFF = 0x400454CA;
    private const int SIOCGIFINDEX = 0x8933;
    private const short IFF_TUN = 0x0001;
    private const short IFF_NO_PI = 0x1000;
    private const int IfNameSize = 16;
    private const int IfReqSize = 40;

    private int _fd = -1;

    // A pipe whose read end joins the TUN descriptor in poll: one byte written to it wakes the reader for good.
    private int _stopReadEnd = -1;
    private int _stopWriteEnd = -1;

    [SupportedOSPlatform("linux")]
    private static unsafe TunDevice OpenLinux(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Encoding.ASCII.GetByteCount(name) >= IfNameSize || !Ascii.IsValid(name))
        {
            throw new ArgumentException($"An interface name is ASCII and shorter than {IfNameSize} characters.", nameof(name));
        }

        int fd = -1;
        int[] stop = [-1, -1];
        try
        {
            fixed (byte* path = "/dev/net/tun\0"u8)
            {
                fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC, 0);
            }

            NativeErrors.ThrowIfFailed(fd, "open /dev/net/tun");

            byte* request = stackalloc byte[IfReqSize];
            new Span<byte>(request, IfReqSize).Clear();
            Encoding.ASCII.GetBytes(name, new Span<byte>(request, IfNameSize));
            *(short*)(request + IfNameSize) = IFF_TUN | IFF_NO_PI;
            NativeErrors.ThrowIfFailed(ioctl(fd, TUNSETIFF, request), "ioctl TUNSETIFF");
            var nameBytes = new ReadOnlySpan<byte>(request, IfNameSize);
            string actualName = Encoding.ASCII.GetString(nameBytes[..nameBytes.IndexOf((byte)0)]);
            int index = InterfaceIndexOf(request);

            fixed (int* ends = stop)
            {
                NativeErrors.ThrowIfFailed(pipe2(ends, O_NONBLOCK | O_CLOEXEC), "pipe2");
            }

            var device = new TunDevice
            {
                Name = actualName,
                InterfaceIndex = index,
                _fd = fd,
                _stopReadEnd = stop[0],
                _stopWriteEnd = stop[1],
            };
            return device;
        }
        catch
        {
            CloseIfOpen(fd);
            CloseIfOpen(stop[0]);
            CloseIfOpen(stop[1]);
            throw;
        }
    }

    /// <summary>Looks the index up through an ordinary socket of the caller's network namespace.</summary>
    private static unsafe int InterfaceIndexOf(byte* ifreqWithName)
    {
        int socketFd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        NativeErrors.ThrowIfFailed(socketFd, "socket");
        try
        {
            NativeErrors.ThrowIfFailed(ioctl(socketFd, SIOCGIFINDEX, ifreqWithName), "ioctl SIOCGIFINDEX");
            return *(int*)(ifreqWithName + IfNameSize);
        }
        finally
        {
            _ = close(socketFd);
        }
    }

    public unsafe int ReadBatch(Span<PacketBuffer> buffers)
    {
        ObjectDisposedException.ThrowIf(_fd < 0, this);
        if (buffers.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            int filled = ReadAvailable(buffers);
            if (filled > 0)
            {
                return filled;
            }

            if (!WaitReadable())
            {
                return 0;
            }
        }
    }

    private unsafe int ReadAvailable(Span<PacketBuffer> buffers)
    {
        int filled = 0;
        while (filled < buffers.Length)
        {
            PacketBuffer buffer = buffers[filled];
            buffer.Reset();
            Span<byte> target = buffer.Writable;
            long count;
            fixed (byte* p = target)
            {
                count = read(_fd, p, target.Length);
            }

            if (count < 0)
            {
                int errno = LibC.errno;
                if (errno == EINTR)
                {
                    continue;
                }

                if (errno == EAGAIN)
                {
                    break;
                }

                throw NativeErrors.FromErrno(errno, "read TUN");
            }

            // The kernel truncates a packet to the space offered without saying so; a read that fills the
            // buffer completely may have lost its end and is dropped.
            if (count == target.Length)
            {
                Interlocked.Increment(ref _oversizedReads);
                continue;
            }

            buffer.SetLength((int)count);
            filled++;
        }

        return filled;
    }

    /// <summary>Blocks until the TUN has a packet (true) or reading was stopped (false).</summary>
    private unsafe bool WaitReadable()
    {
        pollfd* fds = stackalloc pollfd[2];
        fds[0].fd = _fd;
        fds[0].events = POLLIN;
        fds[1].fd = _stopReadEnd;
        fds[1].events = POLLIN;
        while (true)
        {
            fds[0].revents = 0;
            fds[1].revents = 0;
            int ready = poll(fds, 2, -1);
            if (ready < 0)
            {
                int errno = LibC.errno;
                if (errno == EINTR)
                {
                    continue;
                }

                throw NativeErrors.FromErrno(errno, "poll TUN");
            }

            if (fds[1].revents != 0)
            {
                return false;
            }

            if ((fds[0].revents & (POLLERR | POLLNVAL)) != 0)
            {
                throw new IOException($"TUN device {Name} reported an error condition.");
            }

            if (fds[0].revents != 0)
            {
                return true;
            }
        }
    }

    public unsafe int WriteBatch(ReadOnlySpan<PacketBuffer> packets)
    {
        ObjectDisposedException.ThrowIf(_fd < 0, this);
        int written = 0;
        foreach (PacketBuffer packet in packets)
        {
            Span<byte> data = packet.Data;
            long result;
            do
            {
                fixed (byte* p = data)
                {
                    result = write(_fd, p, data.Length);
                }
            }
            while (result < 0 && LibC.errno == EINTR);

            if (result == data.Length)
            {
                written++;
            }
            else
            {
                // Malformed packets are refused by the kernel (EINVAL); that is the packet's fault, not the device's.
                Interlocked.Increment(ref _writeErrors);
            }
        }

        return written;
    }

    public unsafe void StopReading()
    {
        if (_stopWriteEnd < 0)
        {
            return;
        }

        byte one = 1;
        _ = write(_stopWriteEnd, &one, 1);
    }

    public void Dispose()
    {
        CloseIfOpen(_fd);
        CloseIfOpen(_stopReadEnd);
        CloseIfOpen(_stopWriteEnd);
        _fd = _stopReadEnd = _stopWriteEnd = -1;
    }

    private static void CloseIfOpen(int fd)
    {
        if (fd >= 0)
        {
            _ = close(fd);
        }
    }
}
