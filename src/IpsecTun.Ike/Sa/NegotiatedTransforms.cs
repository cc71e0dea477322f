using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Sa;

/// <summary>The algorithms of a selected proposal, decoded through the transform registry.</summary>
internal sealed record NegotiatedTransforms(EncryptionAlgorithm Encryption, IntegrityAlgorithm? Integrity, PrfAlgorithm? Prf, KeyExchangeGroup? Group)
{
    public static NegotiatedTransforms? FromProposal(Proposal proposal)
    {
        EncryptionAlgorithm? encryption = null;
        IntegrityAlgorithm? integrity = null;
        PrfAlgorithm? prf = null;
        KeyExchangeGroup? group = null;
        foreach (Transform t in proposal.Transforms)
        {
            bool known = t.Type switch
            {
                TransformType.Encryption => TransformRegistry.TryGetEncryption((EncryptionTransformId)t.Id, t.KeyLengthBits, out encryption),
                TransformType.Integrity => t.Id == 0 || TransformRegistry.TryGetIntegrity((IntegrityTransformId)t.Id, out integrity),
                TransformType.PseudorandomFunction => TransformRegistry.TryGetPrf((PrfTransformId)t.Id, out prf),
                TransformType.KeyExchange => TransformRegistry.TryGetKeyExchange((KeyExchangeGroupId)t.Id, out group),
                TransformType.ExtendedSequenceNumbers => t.Id == 0,
                _ => false,
            };
            if (!known)
            {
                return null;
            }
        }

        return encryption is null || (encryption.IsAead == (integrity is not null)) ? null
            : new NegotiatedTransforms(encryption, integrity, prf, group);
    }
}
