namespace IpsecTun.Engine.Control;

/// <summary>The menus `ipsectun show` prints: live state first, then the configured objects.</summary>
public enum ViewMenu
{
    ActivePeers,
    InstalledSa,
    Policy,
    Statistics,
    Peer,
    Identity,
    Profile,
    Proposal,
    ModeConfig,
}
