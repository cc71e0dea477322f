using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace IpsecTun.Platform;

/// <summary>
/// Linux: waits for a non-blocking descriptor to become readable, or for <see cref="Stop"/>. A pipe whose
/// read end joins the descriptor in one poll: one byte written to it wakes every waiter, for good.
/// </summary>
internal sealed class ReadinessWaiter : IDisposable
{
    private int _stopReadEnd = -1;
    private int _stopWriteEnd = -1;

    public unsafe ReadinessWaiter()
    {
        int* ends = stackalloc int[2];
        NativeErrors.ThrowIfFailed(pipe2(ends, O_NONBLOCK | O_CLOEXEC), "pipe2");
        _stopReadEnd = ends[0];
        _stopWriteEnd = ends[1];
    }

    /// <summary>Blocks until <paramref name="fd"/> is readable (true) or <see cref="Stop"/> was called (false).</summary>
    public unsafe bool WaitReadable(int fd, string what)
    {
        pollfd* fds = stackalloc pollfd[2];
        fds[0].fd = fd;
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

                throw NativeErrors.FromErrno(errno, $"poll {what}");
            }

            if (fds[1].revents != 0)
            {
                return false;
            }

            if ((fds[0].revents & (POLLERR | POLLNVAL)) != 0)
            {
                throw new IOException($"{what} reported an error condition.");
            }

            if (fds[0].revents != 0)
            {
                return true;
            }
        }
    }

    public unsafe void Stop()
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
        CloseIfOpen(_stopReadEnd);
        CloseIfOpen(_stopWriteEnd);
        _stopReadEnd = _stopWriteEnd = -1;
    }

    internal static void CloseIfOpen(int fd)
    {
        if (fd >= 0)
        {
            _ = close(fd);
        }
    }
}
