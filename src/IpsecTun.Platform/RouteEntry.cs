using System.Net;

namespace IpsecTun.Platform;

/// <summary>
/// A unicast route: <see cref="Destination"/>/<see cref="PrefixLength"/> out of <see cref="InterfaceIndex"/>,
/// through <see cref="Gateway"/> when it is set (on-link otherwise), with <see cref="Metric"/> as its
/// preference (lower wins; 0 leaves the system's default), in the main table unless <see cref="Table"/> names
/// another.
/// </summary>
public sealed record RouteEntry(IPAddress Destination, int PrefixLength, int InterfaceIndex, IPAddress? Gateway = null, int Metric = 0)
{
    /// <summary>The routing table, 0 for the main one (a <see cref="PolicyRouting"/> table otherwise).</summary>
    public int Table { get; init; }

    /// <summary>The source address the system picks for packets this route carries (RTA_PREFSRC), null to let it choose.</summary>
    public IPAddress? PreferredSource { get; init; }

    /// <summary>
    /// A /32 or /128 route to <paramref name="host"/> along <paramref name="path"/>, the path the system uses
    /// for it now. Installed before a tunnel takes a wider route (0.0.0.0/0), it keeps the peer's own
    /// packets on their real path.
    /// </summary>
    public static RouteEntry HostRoute(IPAddress host, RoutePath path, int metric = 0)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(path);
        return new RouteEntry(host, IpPrefix.FullLength(host), path.InterfaceIndex, path.Gateway, metric);
    }

    /// <summary>Throws unless the prefix fits the family, has no host bits, and the gateway is of the same family.</summary>
    public void Validate()
    {
        IpPrefix.Validate(Destination, PrefixLength);
        if (!IpPrefix.IsNetworkAddress(Destination, PrefixLength))
        {
            throw new ArgumentException($"{Destination}/{PrefixLength} has host bits set.", nameof(Destination));
        }

        if (Gateway is not null && Gateway.AddressFamily != Destination.AddressFamily)
        {
            throw new ArgumentException($"Gateway {Gateway} is not of the family of {Destination}.", nameof(Gateway));
        }

        if (PreferredSource is not null && PreferredSource.AddressFamily != Destination.AddressFamily)
        {
            throw new ArgumentException($"Source {PreferredSource} is not of the family of {Destination}.", nameof(PreferredSource));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(Metric);
        ArgumentOutOfRangeException.ThrowIfNegative(Table);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(InterfaceIndex);
    }

    public override string ToString() =>
        $"route {Destination}/{PrefixLength}{(Gateway is null ? "" : $" via {Gateway}")} on interface {InterfaceIndex}{(PreferredSource is null ? "" : $" src {PreferredSource}")}{(Metric == 0 ? "" : $" metric {Metric}")}{(Table == 0 ? "" : $" table {Table}")}";
}
