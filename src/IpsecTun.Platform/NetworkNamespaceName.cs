using System.Text;
using Tmds.Linux;

namespace IpsecTun.Platform;

/// <summary>The name <c>ip netns</c> gave the network namespace this process runs in, as <c>ip netns identify</c> finds it.</summary>
public static class NetworkNamespaceName
{
    /// <summary>
    /// The entry of /run/netns that is the same namespace (device and inode) as /proc/self/ns/net; null in the
    /// host's namespace or one that was never named.
    /// </summary>
    public static string? Current(string directory = "/run/netns")
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists(directory) || Identity("/proc/self/ns/net") is not { } own)
        {
            return null;
        }

        foreach (string path in Directory.EnumerateFileSystemEntries(directory))
        {
            if (Identity(path) == own)
            {
                return Path.GetFileName(path);
            }
        }

        return null;
    }

    /// <summary>The device and inode of what <paramref name="path"/> leads to, or null when it cannot be read.</summary>
    private static unsafe (ulong Device, ulong Inode)? Identity(string path)
    {
        byte[] name = Encoding.UTF8.GetBytes(path + '\0');
        statx status;
        fixed (byte* p = name)
        {
            if (LibC.statx(LibC.AT_FDCWD, p, 0, LibC.STATX_INO, &status) < 0)
            {
                return null;
            }
        }

        return (((ulong)status.stx_dev_major << 32) | status.stx_dev_minor, status.stx_ino);
    }
}
