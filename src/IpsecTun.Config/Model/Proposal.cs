using System.Collections.Immutable;
using IpsecTun.Crypto;

namespace IpsecTun.Config;

/// <summary>An <c>/ip ipsec proposal</c> entry: the phase 2 (Child SA) transforms a policy offers.</summary>
/// <param name="AuthAlgorithms">Integrity transforms in order of preference; a null element is <c>null</c> (no integrity).</param>
/// <param name="PfsGroup">The key exchange for perfect forward secrecy, or null for <c>none</c>.</param>
public sealed record Proposal(
    string Name,
    ImmutableArray<IntegrityAlgorithm?> AuthAlgorithms,
    string? Comment,
    bool Disabled,
    ImmutableArray<EncryptionAlgorithm> EncAlgorithms,
    TimeSpan Lifetime,
    KeyExchangeGroup? PfsGroup)
{
    public const string DefaultName = "default";
}
