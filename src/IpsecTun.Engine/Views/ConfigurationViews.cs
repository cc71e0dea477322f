using IpsecTun.Config;
using IpsecTun.Engine.Control;

namespace IpsecTun.Engine.Views;

/// <summary>The menus that show the configuration itself (peer, identity, profile, proposal, mode-config).</summary>
public static class ConfigurationViews
{
    /// <summary>True for the menus <see cref="Build"/> answers; the others show live state.</summary>
    public static bool Shows(ViewMenu menu) => menu is ViewMenu.Peer or ViewMenu.Identity or ViewMenu.Profile or ViewMenu.Proposal or ViewMenu.ModeConfig;

    public static IReadOnlyList<ViewRow> Build(ViewMenu menu, IpsecConfiguration configuration, bool withKeys) => menu switch
    {
        ViewMenu.Peer => PeerView.Build(configuration),
        ViewMenu.Identity => IdentityView.Build(configuration, withKeys),
        ViewMenu.Profile => ProfileView.Build(configuration),
        ViewMenu.Proposal => ProposalView.Build(configuration),
        ViewMenu.ModeConfig => ModeConfigView.Build(configuration),
        _ => throw new ArgumentOutOfRangeException(nameof(menu), menu, "That menu shows live state, not the configuration."),
    };
}
