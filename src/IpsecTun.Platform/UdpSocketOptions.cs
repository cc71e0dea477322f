namespace IpsecTun.Platform;

/// <summary>Options applied to a <see cref="UdpSocket"/> before it is bound.</summary>
public sealed record UdpSocketOptions
{
    public static readonly UdpSocketOptions Default = new();

    /// <summary>SO_RCVBUF in bytes, 0 for the system default; as root the system limit is bypassed (SO_RCVBUFFORCE).</summary>
    public int ReceiveBufferSize { get; init; }

    /// <summary>SO_SNDBUF in bytes, 0 for the system default; as root the system limit is bypassed (SO_SNDBUFFORCE).</summary>
    public int SendBufferSize { get; init; }

    /// <summary>IP_MTU_DISCOVER / IPV6_MTU_DISCOVER for the outer packets.</summary>
    public OuterFragmentation Fragmentation { get; init; }

    /// <summary>
    /// Lets sockets of this user bind the same port on the wildcard and on specific addresses side by side
    /// (SO_REUSEPORT on Linux, where only the same user may join; SO_REUSEADDR on Windows). A datagram goes to
    /// the socket bound most specifically to its destination.
    /// </summary>
    public bool SharesPort { get; init; }

    /// <summary>SO_MARK on every packet sent (Linux, needs CAP_NET_ADMIN), 0 for none; see <see cref="PolicyRouting"/>.</summary>
    public uint Mark { get; init; }
}
