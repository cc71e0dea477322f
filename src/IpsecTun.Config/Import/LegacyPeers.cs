using IpsecTun.Config.Schema;

namespace IpsecTun.Config.Import;

/// <summary>
/// Peers as RouterOS wrote them before 6.43 carried their authentication and phase 1 settings. As
/// RouterOS's own upgrade does, those move to an identity of the peer and a profile named after it;
/// unnamed peers get RouterOS's names peer1, peer2, ….
/// </summary>
internal sealed class LegacyPeers(ImportedDocument document)
{
    /// <summary>Old peer property names that identities spell differently.</summary>
    private static readonly Dictionary<string, string> Renamed = new()
    {
        ["xauth-login"] = "username",
        ["xauth-password"] = "password",
    };

    private readonly Dictionary<ImportedEntry, ImportedEntry> identities = [];
    private readonly Dictionary<ImportedEntry, ImportedEntry> profiles = [];

    /// <summary>The names a peer line may use: its own, and the identity and profile ones old peers had.</summary>
    public static IEnumerable<string> PropertyNames =>
        Menus.Peer.Properties
            .Concat(Menus.Identity.Properties.Where(p => p != "peer" && !Menus.Peer.Has(p)))
            .Concat(Menus.Profile.Properties.Where(p => !Menus.Peer.Has(p)))
            .Concat(Renamed.Keys);

    /// <summary>Names a new peer if it has no name, then moves what is not a peer property where it belongs now.</summary>
    public void Split(ImportedEntry peer)
    {
        if (peer.Get("name") is null)
        {
            var used = document.Entries(Menus.Peer).Select(p => p.Get("name")).ToHashSet();
            var n = 1;
            while (used.Contains($"peer{n}"))
            {
                n++;
            }

            peer.SetFirst("name", $"peer{n}");
        }

        var name = peer.Get("name")!;
        foreach (var (property, value) in peer.Properties.ToList())
        {
            if (Menus.Peer.Has(property))
            {
                continue;
            }

            peer.Remove(property);
            if (Renamed.TryGetValue(property, out var renamed) || Menus.Identity.Has(property))
            {
                IdentityOf(peer, name).Set(renamed ?? property, value);
            }
            else
            {
                ProfileOf(peer, name).Set(property, value);
            }
        }
    }

    private ImportedEntry IdentityOf(ImportedEntry peer, string name)
    {
        if (!identities.TryGetValue(peer, out var identity))
        {
            identity = new ImportedEntry(peer.Line);
            identity.Set("peer", name);
            document.Add(Menus.Identity, identity);
            identities[peer] = identity;
        }

        return identity;
    }

    private ImportedEntry ProfileOf(ImportedEntry peer, string name)
    {
        if (!profiles.TryGetValue(peer, out var profile))
        {
            var used = document.Entries(Menus.Profile).Select(p => p.Get("name")).ToHashSet();
            var profileName = used.Contains(name) ? $"{name}-profile" : name;
            profile = new ImportedEntry(peer.Line);
            profile.Set("name", profileName);
            document.Add(Menus.Profile, profile);
            profiles[peer] = profile;
            peer.Set("profile", profileName);
        }

        return profile;
    }
}
