using IpsecTun.Config.Schema;
using Microsoft.Extensions.Configuration;

namespace IpsecTun.Config.Loading;

/// <summary>
/// The entries RouterOS always has: profile and proposal <c>default</c>, policy group <c>default</c>
/// with its template ::/0 to ::/0, and the initiator mode-config <c>request-only</c>. They are read by
/// the same readers as the file, from these few keys, so their defaults are the manual's.
/// </summary>
internal static class BuiltInEntries
{
    public const string Source = "built-in";

    public static IConfiguration Create() => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            [Key(Menus.Profile, "name")] = Profile.DefaultName,
            [Key(Menus.Proposal, "name")] = Proposal.DefaultName,
            [Key(Menus.PolicyGroup, "name")] = PolicyGroup.DefaultName,
            [Key(Menus.Policy, "default")] = "yes",
            [Key(Menus.ModeConfig, "name")] = ModeConfig.RequestOnlyName,
        })
        .Build();

    private static string Key(MenuSchema menu, string property) => $"{menu.ConfigurationKey}:0:{property}";
}
