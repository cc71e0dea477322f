using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Sa;

/// <summary>
/// Picks the first offered proposal (in the offerer's order) that one of ours accepts, taking for each
/// transform type the first offered transform we also list. Rejections are explained per proposal.
/// </summary>
internal static class ProposalSelector
{
    public static bool TrySelect(
        IReadOnlyList<Proposal> offered, IReadOnlyList<Proposal> acceptable, KeyExchangeGroupId preferredGroup,
        [NotNullWhen(true)] out Proposal? selected, List<string> rejections)
    {
        foreach (Proposal proposal in offered)
        {
            foreach (Proposal ours in acceptable)
            {
                if (TryMatch(proposal, ours, preferredGroup, out List<Transform>? chosen, out string? reason))
                {
                    selected = new Proposal(proposal.Number, proposal.Protocol, proposal.Spi, chosen);
                    return true;
                }

                rejections.Add($"proposal #{proposal.Number} ({proposal.Protocol}) against our #{ours.Number}: {reason}");
            }
        }

        selected = null;
        return false;
    }

    private static bool TryMatch(
        Proposal offered, Proposal ours, KeyExchangeGroupId preferredGroup,
        [NotNullWhen(true)] out List<Transform>? chosen, [NotNullWhen(false)] out string? reason)
    {
        chosen = null;
        if (offered.Protocol != ours.Protocol)
        {
            reason = $"protocol {offered.Protocol} is not {ours.Protocol}";
            return false;
        }

        // ESP and AH SPIs are 4 bytes; an IKE_SA_INIT proposal carries none (RFC 7296 §3.3.1).
        if (offered.Spi.Length != ours.Spi.Length)
        {
            reason = $"SPI of {offered.Spi.Length} bytes, expected {ours.Spi.Length}";
            return false;
        }

        var result = new List<Transform>();
        foreach (TransformType type in ours.Transforms.Select(t => t.Type).Distinct())
        {
            List<Transform> candidates = [.. offered.Transforms.Where(t => t.Type == type && ours.Transforms.Any(o => SameTransform(o, t)))];
            if (candidates.Count == 0)
            {
                List<Transform> sent = [.. offered.Transforms.Where(t => t.Type == type)];
                reason = sent.Count == 0
                    ? $"no {type} transform, expected {DescribeAll(ours.Transforms.Where(t => t.Type == type))}"
                    : $"{DescribeAll(sent)} rejected, expected {DescribeAll(ours.Transforms.Where(t => t.Type == type))}";
                return false;
            }

            Transform? preferred = type == TransformType.KeyExchange
                ? candidates.FirstOrDefault(t => t.Id == (ushort)preferredGroup)
                : null;
            result.Add(preferred ?? candidates[0]);
        }

        // An offered "integrity: none" next to an AEAD is the same as no integrity transform at all.
        foreach (Transform transform in offered.Transforms)
        {
            if (!ours.Transforms.Any(t => t.Type == transform.Type) && !(transform.Type == TransformType.Integrity && transform.Id == 0))
            {
                reason = $"{transform.Type} {Describe(transform)} is not expected, we have {DescribeAll(ours.Transforms)}";
                return false;
            }
        }

        chosen = result;
        reason = null;
        return true;
    }

    private static bool SameTransform(Transform a, Transform b) =>
        a.Type == b.Type && a.Id == b.Id && a.KeyLengthBits == b.KeyLengthBits;

    private static string DescribeAll(IEnumerable<Transform> transforms) => string.Join(", ", transforms.Select(Describe));

    /// <summary>A transform by its registry name where we know it, by number otherwise.</summary>
    public static string Describe(Transform transform)
    {
        string? name = transform.Type switch
        {
            TransformType.Encryption => TransformRegistry.TryGetEncryption((EncryptionTransformId)transform.Id, transform.KeyLengthBits, out EncryptionAlgorithm? e) ? e.Name : null,
            TransformType.PseudorandomFunction => TransformRegistry.TryGetPrf((PrfTransformId)transform.Id, out PrfAlgorithm? p) ? "prf-" + p.Name : null,
            TransformType.Integrity => TransformRegistry.TryGetIntegrity((IntegrityTransformId)transform.Id, out IntegrityAlgorithm? i) ? i.Name : null,
            TransformType.KeyExchange => TransformRegistry.TryGetKeyExchange((KeyExchangeGroupId)transform.Id, out KeyExchangeGroup? g) ? g.Name : null,
            TransformType.ExtendedSequenceNumbers => transform.Id == 0 ? "no-esn" : "esn",
            _ => null,
        };
        return name ?? $"{transform.Type} {transform.Id}{(transform.KeyLengthBits == 0 ? "" : "/" + transform.KeyLengthBits)}";
    }
}
