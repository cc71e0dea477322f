using IpsecTun.Crypto;

namespace IpsecTun.Ike.Settings;

/// <summary>
/// One ESP proposal: ciphers, integrity algorithms (none needed with an AEAD) and the PFS groups
/// (pfs-group) for CREATE_CHILD_SA; IKE_AUTH never carries a key exchange. <paramref name="Esn"/> says
/// whether extended sequence numbers are offered and accepted.
/// </summary>
public sealed record ChildProposalSettings(
    IReadOnlyList<EncryptionAlgorithm> Encryption,
    IReadOnlyList<IntegrityAlgorithm> Integrity,
    IReadOnlyList<KeyExchangeGroup>? PfsGroups = null,
    EsnPolicy Esn = EsnPolicy.Never);
