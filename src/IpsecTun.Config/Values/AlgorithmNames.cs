using IpsecTun.Crypto;

namespace IpsecTun.Config.Values;

/// <summary>
/// Resolves algorithm names against <see cref="TransformRegistry"/>, so that a configuration can name
/// exactly what the crypto layer implements; an unknown name lists what is available.
/// </summary>
internal static class AlgorithmNames
{
    public static EncryptionAlgorithm ProfileEncryption(string name)
    {
        // RFC 8247 §2.1: ENCR_NULL must not protect an IKE SA; it exists for ESP only.
        if (name.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidValueException("\"null\" cannot protect the IKE SA (RFC 8247); it is for a proposal's enc-algorithms only");
        }

        if (TransformRegistry.TryGetProfileEncryption(name, out var algorithm))
        {
            return algorithm;
        }

        var names = EncryptionAlgorithms.All.Select(a => a.ProfileName ?? a.Name).Where(n => n != "null").Distinct();
        var hint = TransformRegistry.TryGetEncryption(name, out var proposalName) && proposalName.ProfileName is { } profileName
            ? $"; {name} is how a proposal names it, a profile writes {profileName}"
            : "";
        throw Unknown(name, "a profile's encryption algorithm", names, hint);
    }

    public static EncryptionAlgorithm ProposalEncryption(string name) =>
        TransformRegistry.TryGetEncryption(name, out var algorithm)
            ? algorithm
            : throw Unknown(name, "a proposal's encryption algorithm", EncryptionAlgorithms.All.Select(a => a.Name), "");

    /// <summary>An integrity transform; <c>null</c> (the word) means none.</summary>
    public static IntegrityAlgorithm? Integrity(string name)
    {
        if (name.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return TransformRegistry.TryGetIntegrity(name, out var algorithm)
            ? algorithm
            : throw Unknown(name, "an authentication algorithm", ["null", .. IntegrityAlgorithms.All.Select(a => a.Name)], "");
    }

    public static PrfAlgorithm Prf(string name) =>
        TransformRegistry.TryGetPrf(name, out var algorithm)
            ? algorithm
            : throw Unknown(name, "a hash algorithm", PrfAlgorithms.All.Select(a => a.Name), "");

    public static KeyExchangeGroup Group(string name)
    {
        if (name.Equals("ec2n155", StringComparison.OrdinalIgnoreCase) || name.Equals("ec2n185", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidValueException(
                $"\"{name}\" exists only in IKEv1 (Oakley groups 3 and 4); IKEv2 has no EC2N groups: use ecp256, curve25519 or a modp group");
        }

        return TransformRegistry.TryGetKeyExchange(name, out var group)
            ? group
            : throw Unknown(name, "a Diffie-Hellman group", KeyExchangeGroups.All.Select(g => g.Name), "");
    }

    /// <summary>A pfs-group; <c>none</c> means no key exchange in CREATE_CHILD_SA.</summary>
    public static KeyExchangeGroup? PfsGroup(string name) =>
        name.Equals("none", StringComparison.OrdinalIgnoreCase) ? null : Group(name);

    private static InvalidValueException Unknown(string name, string what, IEnumerable<string> allowed, string hint)
    {
        var list = allowed.ToList();
        var allowedText = list.Count == 0 ? "none are available" : string.Join(", ", list);
        var suggestion = hint.Length > 0 ? hint : Suggestions.DidYouMean(name, list);
        return new InvalidValueException($"\"{name}\" is not {what}{suggestion}; allowed: {allowedText}");
    }
}
