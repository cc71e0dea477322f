namespace IpsecTun.Platform.State;

/// <summary>
/// What a running endpoint has changed in the system, as kept in its state file: the process that made
/// the changes, its TUN device, and the addresses and routes it added, in the order they were added.
/// </summary>
public sealed class ConfigurationState
{
    public int ProcessId { get; init; }

    /// <summary>The owner's start time (UTC), which tells a live owner from a later process that reuses its id.</summary>
    public DateTime ProcessStartTime { get; init; }

    public DeviceRecord? Device { get; set; }

    public List<AddressRecord> Addresses { get; init; } = [];

    public List<RouteRecord> Routes { get; init; } = [];
}
