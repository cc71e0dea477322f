namespace IpsecTun.Config.Loading;

/// <summary>Every entry read from a configuration, before cross-references are checked.</summary>
internal sealed class ReadEntries
{
    public required IReadOnlyList<Located<Profile>> Profiles { get; init; }

    public required IReadOnlyList<Located<Proposal>> Proposals { get; init; }

    public required IReadOnlyList<Located<Peer>> Peers { get; init; }

    public required IReadOnlyList<Located<Identity>> Identities { get; init; }

    public required IReadOnlyList<Located<Policy>> Policies { get; init; }

    public required IReadOnlyList<Located<PolicyGroup>> PolicyGroups { get; init; }

    public required IReadOnlyList<Located<ModeConfig>> ModeConfigs { get; init; }

    public required IpsecSettings Settings { get; init; }

    public required IReadOnlyList<Located<IpsecKey>> Keys { get; init; }

    public required IReadOnlyList<Located<AddressPool>> Pools { get; init; }

    public required IReadOnlyList<Located<AddressListEntry>> AddressLists { get; init; }

    public required DnsSettings Dns { get; init; }

    /// <summary>Certificates whose files did not open are null here but still count as names.</summary>
    public required IReadOnlyList<(string Name, Located<CertificateEntry?> Entry)> Certificates { get; init; }

    public required IReadOnlyList<Located<RadiusServer>> RadiusServers { get; init; }

    public required EndpointSettings Endpoint { get; init; }

    public IReadOnlyList<Located<EapUser>> Users { get; init; } = [];
}
