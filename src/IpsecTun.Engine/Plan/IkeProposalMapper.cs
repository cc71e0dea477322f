using IpsecTun.Config;
using IpsecTun.Crypto;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Plan;

/// <summary>
/// A profile as IKE SA proposals: AEAD ciphers with the PRF alone (RFC 7296 §3.3), the other ciphers
/// with the integrity transform of the profile's hash-algorithm too; every proposal offers every
/// dh-group in the configured order.
/// </summary>
internal static class IkeProposalMapper
{
    public static IReadOnlyList<IkeProposalSettings> Map(Profile profile)
    {
        KeyExchangeGroup[] groups = [.. profile.DhGroups];
        PrfAlgorithm[] prf = [profile.HashAlgorithm];
        return CipherSplit.Arrange(
            profile.EncAlgorithms,
            aead => new IkeProposalSettings(aead, prf, [], groups),
            plain => new IkeProposalSettings(plain, prf, [IntegrityFor(profile.HashAlgorithm)], groups));
    }

    // Every RouterOS hash-algorithm is an HMAC that exists both as PRF and as integrity transform under one name.
    private static IntegrityAlgorithm IntegrityFor(PrfAlgorithm prf) =>
        TransformRegistry.TryGetIntegrity(prf.Name, out var integrity)
            ? integrity
            : throw new InvalidOperationException($"No integrity transform is named {prf.Name}.");
}
