using IpsecTun.Crypto;

namespace IpsecTun.Ike.Settings;

/// <summary>
/// One ESP proposal: ciphers and integrity algorithms (none needed with an AEAD). Extended sequence
/// numbers are not offered.
/// </summary>
public sealed record ChildProposalSettings(
    IReadOnlyList<EncryptionAlgorithm> Encryption,
    IReadOnlyList<IntegrityAlgorithm> Integrity);
