using System.Text;
using Tmds.Linux;

namespace IpsecTun.Platform;

/// <summary>The type of a file system entry, for the cases .NET's file APIs do not tell apart.</summary>
public static class UnixFileType
{
    /// <summary>Whether <paramref name="path"/> itself (not what a symbolic link points to) is a Unix domain socket; false when it does not exist.</summary>
    public static unsafe bool IsSocket(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Encoding.UTF8.GetBytes(path + '\0');
        statx status;
        fixed (byte* p = name)
        {
            if (LibC.statx(LibC.AT_FDCWD, p, LibC.AT_SYMLINK_NOFOLLOW, LibC.STATX_TYPE, &status) < 0)
            {
                var errno = LibC.errno;
                if (errno == LibC.ENOENT || errno == LibC.ENOTDIR)
                {
                    return false;
                }

                throw NativeErrors.FromErrno(errno, $"statx {path}");
            }
        }

        return LibC.S_ISSOCK(status.stx_mode);
    }
}
