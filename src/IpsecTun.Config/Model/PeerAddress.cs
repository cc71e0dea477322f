using System.Net;

namespace IpsecTun.Config;

/// <summary>
/// A peer's address: a prefix that remote addresses are matched against, or a DNS name (the manual's
/// <c>address=n.mynetname.net</c>) that is resolved before initiating.
/// </summary>
public sealed record PeerAddress(IPNetwork? Prefix, string? HostName)
{
    public static PeerAddress Any { get; } = new(new IPNetwork(IPAddress.Any, 0), null);

    /// <summary>True when the address names exactly one host (a /32, a /128 or a DNS name).</summary>
    public bool IsSingleHost => HostName is not null ||
        Prefix is { } p && p.PrefixLength == (p.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);

    public override string ToString() => HostName ?? Prefix.ToString()!;
}
