namespace IpsecTun.Platform;

/// <summary>
/// Whether the system routes IPv4 packets between its interfaces. A client that source-NATs a LAN into its
/// tunnel forwards that LAN's packets into the adapter and the replies back, so it needs this on.
/// </summary>
public interface IIpForwarding
{
    bool Ipv4Enabled { get; set; }
}
