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
    private ReadinessWaiter _waiter = null!;

    [SupportedOSPlatform("linux")]
    private static unsafe TunDevice OpenLinux(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Encoding.ASCII.GetByteCount(name) >= IfNameSize || !Ascii.IsValid(name))
        {
            throw new ArgumentException($"An interface name is ASCII and shorter than {IfNameSize} characters.", nameof(name));
        }

        int fd = -1;
        ReadinessWaiter? waiter = null;
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

            waiter = new ReadinessWaiter();
            return new TunDevice
            {
                Name = actualName,
                InterfaceIndex = index,
                _fd = fd,
                _waiter = waiter,
            };
        }
        catch
        {
            ReadinessWaiter.CloseIfOpen(fd);
            waiter?.Dispose();
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

    public int ReadBatch(Span<PacketBuffer> buffers)
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

            if (!_waiter.WaitReadable(_fd, $"TUN device {Name}"))
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
            if (target.IsEmpty)
            {
                // A zero-length read takes no packet off the queue and would spin.
                throw new ArgumentException("A read buffer has no space after its headroom.", nameof(buffers));
            }

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

    public void StopReading() => _waiter?.Stop();

    public void Dispose()
    {
        ReadinessWaiter.CloseIfOpen(_fd);
        _fd = -1;
        _waiter?.Dispose();
    }
}
