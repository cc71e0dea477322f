using System.Collections.Immutable;

namespace IpsecTun.Config;

/// <summary>
/// A whole, validated configuration. It never changes once loaded: a reload builds a new one and swaps
/// it in whole (see <see cref="ConfigurationStore"/>), so readers never see a half-applied change.
/// Menus keep the order of the file; the entries RouterOS always has are present even when the file
/// does not mention them.
/// </summary>
public sealed record IpsecConfiguration(
    ImmutableArray<Profile> Profiles,
    ImmutableArray<Proposal> Proposals,
    ImmutableArray<Peer> Peers,
    ImmutableArray<Identity> Identities,
    ImmutableArray<Policy> Policies,
    ImmutableArray<PolicyGroup> PolicyGroups,
    ImmutableArray<ModeConfig> ModeConfigs,
    IpsecSettings Settings,
    ImmutableArray<IpsecKey> Keys,
    ImmutableArray<AddressPool> Pools,
    ImmutableArray<AddressListEntry> AddressLists,
    DnsSettings Dns,
    ImmutableArray<CertificateEntry> Certificates,
    ImmutableArray<RadiusServer> RadiusServers,
    EndpointSettings Endpoint)
{
    /// <summary>The users of the built-in EAP server (<c>eap-user</c>).</summary>
    public ImmutableArray<EapUser> Users { get; init; } = [];

    public Profile Profile(string name) => Profiles.Single(p => Named(p.Name, name));

    public Proposal Proposal(string name) => Proposals.Single(p => Named(p.Name, name));

    public Peer Peer(string name) => Peers.Single(p => Named(p.Name, name));

    public ModeConfig ModeConfig(string name) => ModeConfigs.Single(m => Named(m.Name, name));

    public AddressPool Pool(string name) => Pools.Single(p => Named(p.Name, name));

    public CertificateEntry Certificate(string name) => Certificates.Single(c => Named(c.Name, name));

    /// <summary>The identities of one peer, in order.</summary>
    public IEnumerable<Identity> IdentitiesOf(string peer) => Identities.Where(i => Named(i.Peer, peer));

    // RouterOS names are case-sensitive.
    private static bool Named(string a, string b) => string.Equals(a, b, StringComparison.Ordinal);
}
