using System.ComponentModel;
using Tmds.Linux;

namespace IpsecTun.Platform;

/// <summary>Turns a failed libc call into an exception that carries errno and its text.</summary>
internal static class NativeErrors
{
    public static Win32Exception Last(string operation) => FromErrno(LibC.errno, operation);

    public static Win32Exception FromErrno(int errno, string operation) =>
        new(errno, $"{operation}: {new Win32Exception(errno).Message}");

    public static void ThrowIfFailed(int result, string operation)
    {
        if (result < 0)
        {
            throw Last(operation);
        }
    }
}
