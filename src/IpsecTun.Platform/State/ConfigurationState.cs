namespace IpsecTun.Platform.State;

/// <summary>
/// What a running endpoint has changed in the system, as kept in its state file: the process that made
/// the changes, its TUN device, the addresses, routes and routing rules it added (in the order they were added), the
/// resolv.conf it replaced and the IPv4 forwarding switch it turned.
/// </summary>
public sealed class ConfigurationState
{
    public int ProcessId { get; init; }

    /// <summary>The owner's start time (UTC), which tells a live owner from a later process that reuses its id.</summary>
    public DateTime ProcessStartTime { get; init; }

    public DeviceRecord? Device { get; set; }

    public List<AddressRecord> Addresses { get; init; } = [];

    public List<RouteRecord> Routes { get; init; } = [];

    public List<RuleRecord> Rules { get; init; } = [];

    /// <summary>The resolv.conf replaced with the tunnel's DNS servers, if any.</summary>
    public ResolvConfRecord? ResolvConf { get; set; }

    /// <summary>
    /// What <c>net.ipv4.ip_forward</c> was before this run changed it, so a cleanup can put it back; null while
    /// the run has not changed it.
    /// </summary>
    public bool? Ipv4ForwardingBefore { get; set; }
}
