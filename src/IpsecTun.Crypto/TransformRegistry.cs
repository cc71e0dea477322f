using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace IpsecTun.Crypto;

/// <summary>
/// Finds transforms by IANA id (as IKE negotiates them) and by RouterOS name (as the configuration
/// names them). A profile's enc-algorithm uses the short names (<c>aes-128</c>), a proposal's
/// enc-algorithms the long ones (<c>aes-128-cbc</c>); both resolve here.
/// </summary>
public static class TransformRegistry
{
    private static readonly FrozenDictionary<(EncryptionTransformId, int), EncryptionAlgorithm> EncryptionById =
        EncryptionAlgorithms.All.ToFrozenDictionary(a => (a.Id, a.KeyLengthBits));

    private static readonly FrozenDictionary<string, EncryptionAlgorithm> EncryptionByName =
        EncryptionAlgorithms.All.ToFrozenDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, EncryptionAlgorithm> EncryptionByProfileName =
        EncryptionAlgorithms.All.ToFrozenDictionary(a => a.ProfileName ?? a.Name, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<IntegrityTransformId, IntegrityAlgorithm> IntegrityById =
        IntegrityAlgorithms.All.ToFrozenDictionary(a => a.Id);

    private static readonly FrozenDictionary<string, IntegrityAlgorithm> IntegrityByName =
        IntegrityAlgorithms.All.ToFrozenDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<PrfTransformId, PrfAlgorithm> PrfById =
        PrfAlgorithms.All.ToFrozenDictionary(a => a.Id);

    private static readonly FrozenDictionary<string, PrfAlgorithm> PrfByName =
        PrfAlgorithms.All.ToFrozenDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<KeyExchangeGroupId, KeyExchangeGroup> GroupById =
        KeyExchangeGroups.All.ToFrozenDictionary(g => g.Id);

    private static readonly FrozenDictionary<string, KeyExchangeGroup> GroupByName =
        KeyExchangeGroups.All.ToFrozenDictionary(g => g.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Finds an encryption transform. <paramref name="keyLengthBits"/> is the Key Length attribute, or 0
    /// when the transform carries none (DES, 3DES, NULL, ChaCha20-Poly1305).
    /// </summary>
    public static bool TryGetEncryption(EncryptionTransformId id, int keyLengthBits, [NotNullWhen(true)] out EncryptionAlgorithm? algorithm)
    {
        if (keyLengthBits == 0)
        {
            algorithm = EncryptionAlgorithms.All.FirstOrDefault(a => a.Id == id && !a.NegotiatesKeyLength);
            return algorithm is not null;
        }

        return EncryptionById.TryGetValue((id, keyLengthBits), out algorithm) && algorithm.NegotiatesKeyLength;
    }

    /// <summary>Finds an encryption transform by a proposal's enc-algorithms name (<c>aes-256-gcm</c>).</summary>
    public static bool TryGetEncryption(string name, [NotNullWhen(true)] out EncryptionAlgorithm? algorithm) =>
        EncryptionByName.TryGetValue(name, out algorithm);

    /// <summary>Finds an encryption transform by a profile's enc-algorithm name (<c>aes-256</c>, <c>aes-256-gcm</c>).</summary>
    public static bool TryGetProfileEncryption(string name, [NotNullWhen(true)] out EncryptionAlgorithm? algorithm) =>
        EncryptionByProfileName.TryGetValue(name, out algorithm);

    public static bool TryGetIntegrity(IntegrityTransformId id, [NotNullWhen(true)] out IntegrityAlgorithm? algorithm) =>
        IntegrityById.TryGetValue(id, out algorithm);

    public static bool TryGetIntegrity(string name, [NotNullWhen(true)] out IntegrityAlgorithm? algorithm) =>
        IntegrityByName.TryGetValue(name, out algorithm);

    public static bool TryGetPrf(PrfTransformId id, [NotNullWhen(true)] out PrfAlgorithm? algorithm) =>
        PrfById.TryGetValue(id, out algorithm);

    public static bool TryGetPrf(string name, [NotNullWhen(true)] out PrfAlgorithm? algorithm) =>
        PrfByName.TryGetValue(name, out algorithm);

    public static bool TryGetKeyExchange(KeyExchangeGroupId id, [NotNullWhen(true)] out KeyExchangeGroup? group) =>
        GroupById.TryGetValue(id, out group);

    public static bool TryGetKeyExchange(string name, [NotNullWhen(true)] out KeyExchangeGroup? group) =>
        GroupByName.TryGetValue(name, out group);
}
