namespace IpsecTun.Engine.Server;

/// <summary>Who an address belongs to: an active lease, or a released one remembered until a time.</summary>
internal sealed class LeaseHolder(AddressLease lease, AddressKey key)
{
    public AddressLease Lease { get; } = lease;

    public AddressKey Key { get; } = key;

    public bool Active { get; set; } = true;

    public DateTimeOffset RememberedUntil { get; set; }
}
