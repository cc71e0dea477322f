using System.Net;
using IpsecTun.Config.Schema;
using IpsecTun.Config.Values;

namespace IpsecTun.Config.Import;

/// <summary>
/// Policies as RouterOS wrote them before 6.43 named their SA's addresses instead of a peer. As the
/// upgrade does, sa-dst-address becomes the peer whose address covers it (the most specific one), and
/// sa-src-address goes to that peer's local-address unless it already has one.
/// </summary>
internal static class LegacyPolicies
{
    public static readonly string[] PropertyNames = ["sa-src-address", "sa-dst-address"];

    /// <summary>Rewrites every policy that uses SA addresses, noting what changed and what could not be.</summary>
    public static void Resolve(ImportedDocument document, string file, List<string> notes, List<string> errors)
    {
        foreach (var policy in document.Entries(Menus.Policy))
        {
            var saSrc = policy.Remove("sa-src-address");
            var saDst = policy.Remove("sa-dst-address");
            if (saSrc is null && saDst is null)
            {
                continue;
            }

            var action = policy.Get("action") ?? "encrypt";
            if (action != "encrypt" || policy.Get("template") == "yes" || policy.Get("peer") is not null)
            {
                notes.Add($"note: {file}:{policy.Line}: sa-src-address and sa-dst-address left out: this policy does not take its SA addresses from them (action={action})");
                continue;
            }

            var peer = saDst is null ? null : PeerCovering(document, saDst);
            if (peer is null)
            {
                errors.Add($"{file}:{policy.Line}: sa-dst-address {saDst ?? "(not set)"} is not within any peer's address; since RouterOS 6.43 a policy names its peer: add peer=NAME");
                continue;
            }

            var peerName = peer.Get("name")!;
            policy.Set("peer", peerName);
            var localAddress = peer.Get("local-address");
            if (saSrc is not null && localAddress is null)
            {
                peer.Set("local-address", saSrc);
            }
            else if (saSrc is not null && localAddress != saSrc)
            {
                errors.Add($"{file}:{policy.Line}: sa-src-address {saSrc} differs from the local-address {localAddress} of peer {peerName}, whose SAs this policy uses");
                continue;
            }

            notes.Add($"note: {file}:{policy.Line}: sa-dst-address {saDst} became peer={peerName}");
        }
    }

    private static ImportedEntry? PeerCovering(ImportedDocument document, string addressText)
    {
        IPAddress address;
        try
        {
            address = AddressParser.ParseAddress(addressText);
        }
        catch (InvalidValueException)
        {
            return null;
        }

        ImportedEntry? best = null;
        var bestLength = -1;
        foreach (var peer in document.Entries(Menus.Peer))
        {
            try
            {
                var prefix = AddressParser.ParsePrefix(peer.Get("address") ?? "0.0.0.0/0");
                if (prefix.Contains(address) && prefix.PrefixLength > bestLength)
                {
                    (best, bestLength) = (peer, prefix.PrefixLength);
                }
            }
            catch (InvalidValueException)
            {
                // A peer named by DNS cannot be matched to an address here.
            }
        }

        return best;
    }
}
