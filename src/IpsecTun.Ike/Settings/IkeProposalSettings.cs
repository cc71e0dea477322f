using IpsecTun.Crypto;

namespace IpsecTun.Ike.Settings;

/// <summary>
/// One IKE SA proposal as a profile describes it: every listed transform is acceptable, and an AEAD
/// cipher is offered without integrity (the PRF list then stands alone, as RFC 7296 §3.3 allows).
/// </summary>
public sealed record IkeProposalSettings(
    IReadOnlyList<EncryptionAlgorithm> Encryption,
    IReadOnlyList<PrfAlgorithm> Prf,
    IReadOnlyList<IntegrityAlgorithm> Integrity,
    IReadOnlyList<KeyExchangeGroup> Groups);
