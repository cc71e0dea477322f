namespace IpsecTun.Engine.Control;

/// <summary>The menus `ipsectun show` prints: live state first, then the configured objects.</summary>
public enum ViewMenu
{
    ActivePeers,
    InstalledSa,
    Policy,
    Statistics,

    /// <summary>The mode-config leases clients hold now, as RouterOS's <c>/ip pool used</c>.</summary>
    PoolUsed,
    Peer,
    Identity,
    Profile,
    Proposal,
    ModeConfig,
}
