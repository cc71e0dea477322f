using System.Net.Sockets;

namespace IpsecTun.Platform.Sockets;

/// <summary>SO_MARK on a <see cref="Socket"/>: Linux alone has it, and setting it needs CAP_NET_ADMIN.</summary>
public static class SocketMark
{
    // asm-generic/socket.h
    private const int SolSocket = 1;
    private const int SoMark = 36;

    /// <summary>Marks every packet <paramref name="socket"/> sends with <paramref name="mark"/>; 0 leaves it unmarked.</summary>
    public static void Apply(Socket socket, uint mark)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (mark == 0)
        {
            return;
        }

        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Only Linux marks a socket's packets (SO_MARK).");
        }

        socket.SetRawSocketOption(SolSocket, SoMark, BitConverter.GetBytes(mark));
    }
}
