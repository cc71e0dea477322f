using System.Net.Sockets;
using System.Runtime.InteropServices;
using Tmds.Linux;

namespace IpsecTun.Platform;

/// <summary>
/// Who is at the other end of a connected Unix domain socket, as the kernel recorded it when that end
/// connected (SO_PEERCRED): the client cannot choose what is reported.
/// </summary>
public readonly record struct UnixPeerCredentials(int ProcessId, uint UserId, uint GroupId)
{
    // struct ucred: pid_t pid; uid_t uid; gid_t gid, three 32-bit fields in native byte order.
    private const int UcredSize = 12;

    /// <summary>The effective user id of this process.</summary>
    public static uint EffectiveUserId => LibC.geteuid();

    /// <summary>The credentials of <paramref name="socket"/>'s peer; the socket must be a connected AF_UNIX stream socket.</summary>
    public static UnixPeerCredentials Of(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        Span<byte> ucred = stackalloc byte[UcredSize];
        var length = socket.GetRawSocketOption(LibC.SOL_SOCKET, LibC.SO_PEERCRED, ucred);
        if (length != UcredSize)
        {
            throw new InvalidOperationException($"SO_PEERCRED returned {length} bytes instead of {UcredSize}");
        }

        return new UnixPeerCredentials(
            MemoryMarshal.Read<int>(ucred),
            MemoryMarshal.Read<uint>(ucred[4..]),
            MemoryMarshal.Read<uint>(ucred[8..]));
    }

    /// <summary>Whether a peer with these credentials may act on something owned by <paramref name="ownerUserId"/>: root, or the owner itself.</summary>
    public bool MayControl(uint ownerUserId) => UserId == 0 || UserId == ownerUserId;
}
