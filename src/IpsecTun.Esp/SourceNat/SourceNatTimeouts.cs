namespace IpsecTun.Esp;

/// <summary>How long a connection may stay idle before its mapping is removed.</summary>
public sealed record SourceNatTimeouts
{
    /// <summary>A TCP connection that has seen traffic both ways and no FIN or RST.</summary>
    public TimeSpan TcpEstablished { get; init; } = TimeSpan.FromDays(1);

    /// <summary>A TCP connection still opening (no reply yet) or closing (FIN seen); RFC 5382 REQ-5 asks for at least 4 minutes.</summary>
    public TimeSpan TcpTransitory { get; init; } = TimeSpan.FromMinutes(4);

    /// <summary>A TCP connection after an RST: only stray segments are still expected.</summary>
    public TimeSpan TcpReset { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan Udp { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>An ICMP echo query id.</summary>
    public TimeSpan IcmpEcho { get; init; } = TimeSpan.FromSeconds(30);
}
