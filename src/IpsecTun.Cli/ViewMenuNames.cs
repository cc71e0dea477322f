using IpsecTun.Engine.Control;

namespace IpsecTun.Cli;

/// <summary>The menu names <c>ipsectun show</c> takes, as the manual names the menus.</summary>
internal static class ViewMenuNames
{
    public static IReadOnlyList<(string Name, ViewMenu Menu)> All { get; } =
    [
        ("active-peers", ViewMenu.ActivePeers),
        ("installed-sa", ViewMenu.InstalledSa),
        ("policy", ViewMenu.Policy),
        ("statistics", ViewMenu.Statistics),
        ("pool-used", ViewMenu.PoolUsed),
        ("peer", ViewMenu.Peer),
        ("identity", ViewMenu.Identity),
        ("profile", ViewMenu.Profile),
        ("proposal", ViewMenu.Proposal),
        ("mode-config", ViewMenu.ModeConfig),
    ];

    public static ViewMenu Parse(string name) => All.Single(m => m.Name == name).Menu;
}
