using System.Collections.Immutable;
using IpsecTun.Crypto;

namespace IpsecTun.Config;

/// <summary>An <c>/ip ipsec profile</c> entry: the phase 1 (IKE SA) parameters a peer uses.</summary>
public sealed record Profile(
    string Name,
    ImmutableArray<KeyExchangeGroup> DhGroups,
    TimeSpan? DpdInterval,
    int DpdMaximumFailures,
    ImmutableArray<EncryptionAlgorithm> EncAlgorithms,
    PrfAlgorithm HashAlgorithm,
    long Lifebytes,
    TimeSpan Lifetime,
    bool NatTraversal,
    ProposalCheck ProposalCheck)
{
    /// <summary>The name of the entry RouterOS always has and peers use unless told otherwise.</summary>
    public const string DefaultName = "default";

    /// <summary>True when dead peer detection runs (dpd-interval is not <c>disable-dpd</c>).</summary>
    public bool DpdEnabled => DpdInterval is not null;
}
