using System.Net;
using IpsecTun.Core;

namespace IpsecTun.Esp;

/// <summary>
/// The dynamic source NAT a mode-config initiator with a src-address-list sets up once it has its virtual
/// address: packets from <see cref="InsideNetworks"/> to anywhere outside them (or, with <see cref="Destinations"/>,
/// to those networks only) leave as <see cref="TranslatedAddress"/>.
/// </summary>
public sealed record SourceNatSettings
{
    /// <summary>The IPv4 address received through mode-config.</summary>
    public required IPAddress TranslatedAddress { get; init; }

    /// <summary>The IPv4 networks of the src-address-list; destinations inside them are never translated (dst-address-list=!list).</summary>
    public required IReadOnlyList<IpPrefix> InsideNetworks { get; init; }

    /// <summary>
    /// The networks translated packets may go to: the split-include networks received, one rule per network as in
    /// the manual's RoadWarrior-with-NAT example. Empty (no split-include, a full tunnel): any destination outside
    /// <see cref="InsideNetworks"/>. IPv6 networks are ignored, since only IPv4 is translated.
    /// </summary>
    public IReadOnlyList<IpPrefix> Destinations { get; init; } = [];

    /// <summary>The most connections held at once; the table is allocated for this many up front.</summary>
    public int Capacity { get; init; } = 16_384;

    public SourceNatTimeouts Timeouts { get; init; } = new();

    /// <summary>
    /// When the table is full, the connection idle longest is evicted for a new one only if it has been idle
    /// at least this long; otherwise the new flow is refused. Keep it no longer than the shortest timeout so
    /// that an expired connection is always evictable.
    /// </summary>
    public TimeSpan MinimumIdleToEvict { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// First port (and ICMP query id) used when an inside host's own port collides. The default range lies
    /// above Linux's ephemeral ports (32768-60999), so a remapped flow does not take a port the endpoint's
    /// host picks for its own connections from the same address.
    /// </summary>
    public ushort FirstRemapPort { get; init; } = 61_000;

    public ushort LastRemapPort { get; init; } = 65_535;
}
