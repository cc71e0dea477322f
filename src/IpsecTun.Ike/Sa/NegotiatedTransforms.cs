using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Sa;

/// <summary>
/// The algorithms of a selected proposal, decoded through the transform registry, and whether it uses
/// extended sequence numbers. Only an AH proposal has no encryption, and it must have integrity.
/// </summary>
internal sealed record NegotiatedTransforms(EncryptionAlgorithm? Encryption, IntegrityAlgorithm? Integrity, PrfAlgorithm? Prf, KeyExchangeGroup? Group, bool Esn = false)
{
    public static NegotiatedTransforms? FromProposal(Proposal proposal)
    {
        EncryptionAlgorithm? encryption = null;
        IntegrityAlgorithm? integrity = null;
        PrfAlgorithm? prf = null;
        KeyExchangeGroup? group = null;
        bool esn = false;
        foreach (Transform t in proposal.Transforms)
        {
            esn |= t.Type == TransformType.ExtendedSequenceNumbers && t.Id == 1;
            bool known = t.Type switch
            {
                TransformType.Encryption => TransformRegistry.TryGetEncryption((EncryptionTransformId)t.Id, t.KeyLengthBits, out encryption),
                TransformType.Integrity => t.Id == 0 || TransformRegistry.TryGetIntegrity((IntegrityTransformId)t.Id, out integrity),
                TransformType.PseudorandomFunction => TransformRegistry.TryGetPrf((PrfTransformId)t.Id, out prf),
                TransformType.KeyExchange => TransformRegistry.TryGetKeyExchange((KeyExchangeGroupId)t.Id, out group),
                TransformType.ExtendedSequenceNumbers => t.Id is 0 or 1,
                _ => false,
            };
            if (!known)
            {
                return null;
            }
        }

        bool complete = proposal.Protocol == ProtocolId.Ah
            ? encryption is null && integrity is not null
            : encryption is not null && encryption.IsAead != (integrity is not null);
        return complete ? new NegotiatedTransforms(encryption, integrity, prf, group, esn) : null;
    }
}
