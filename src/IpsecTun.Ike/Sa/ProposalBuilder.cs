using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Sa;

/// <summary>
/// Turns proposal settings into SA payload proposals. AEAD and non-AEAD ciphers go into separate
/// proposals, because an AEAD proposal carries no integrity transform (RFC 5282 §8).
/// </summary>
internal static class ProposalBuilder
{
    /// <summary>IKE proposals; IKE_SA_INIT carries no SPI, an IKE SA rekey the new SA's eight-byte SPI (RFC 7296 §3.3.1).</summary>
    public static List<Proposal> Ike(IReadOnlyList<IkeProposalSettings> settings, ReadOnlyMemory<byte> spi = default)
    {
        var proposals = new List<Proposal>();
        foreach (IkeProposalSettings entry in settings)
        {
            foreach (bool aead in (ReadOnlySpan<bool>)[true, false])
            {
                List<Transform> transforms = EncryptionTransforms(entry.Encryption, aead);
                if (transforms.Count == 0)
                {
                    continue;
                }

                transforms.AddRange(entry.Prf.Select(p => new Transform(TransformType.PseudorandomFunction, (ushort)p.Id)));
                if (!aead)
                {
                    transforms.AddRange(entry.Integrity.Select(i => new Transform(TransformType.Integrity, (ushort)i.Id)));
                }

                transforms.AddRange(entry.Groups.Select(g => new Transform(TransformType.KeyExchange, (ushort)g.Id)));
                proposals.Add(new Proposal((byte)(proposals.Count + 1), ProtocolId.Ike, spi, transforms));
            }
        }

        return proposals;
    }

    /// <summary>Child SA proposals: for ESP one per AEAD/non-AEAD split, for AH (RFC 4302) one with the integrity algorithms alone.</summary>
    public static List<Proposal> Child(IReadOnlyList<ChildProposalSettings> settings, ProtocolId protocol, uint spi, bool withPfs)
    {
        byte[] spiBytes = SpiBytes(spi);
        var proposals = new List<Proposal>();
        foreach (ChildProposalSettings entry in settings)
        {
            foreach (bool aead in (ReadOnlySpan<bool>)[true, false])
            {
                List<Transform> transforms = protocol == ProtocolId.Ah ? [] : EncryptionTransforms(entry.Encryption, aead);
                if (protocol == ProtocolId.Ah ? aead || entry.Integrity.Count == 0 : transforms.Count == 0)
                {
                    continue;
                }

                if (!aead)
                {
                    transforms.AddRange(entry.Integrity.Select(i => new Transform(TransformType.Integrity, (ushort)i.Id)));
                }

                if (withPfs)
                {
                    transforms.AddRange((entry.PfsGroups ?? []).Select(g => new Transform(TransformType.KeyExchange, (ushort)g.Id)));
                }

                transforms.AddRange(EsnTransforms(entry.Esn));
                proposals.Add(new Proposal((byte)(proposals.Count + 1), protocol, spiBytes, transforms));
            }
        }

        return proposals;
    }

    /// <summary>ESN transform IDs: 1 is extended sequence numbers, 0 is none.</summary>
    private static IEnumerable<Transform> EsnTransforms(EsnPolicy policy) => policy switch
    {
        EsnPolicy.Required => [new Transform(TransformType.ExtendedSequenceNumbers, 1)],
        EsnPolicy.Allowed => [new Transform(TransformType.ExtendedSequenceNumbers, 1), new Transform(TransformType.ExtendedSequenceNumbers, 0)],
        _ => [new Transform(TransformType.ExtendedSequenceNumbers, 0)],
    };

    public static byte[] SpiBytes(ulong spi)
    {
        byte[] bytes = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, spi);
        return bytes;
    }

    public static byte[] SpiBytes(uint spi)
    {
        byte[] bytes = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, spi);
        return bytes;
    }

    private static List<Transform> EncryptionTransforms(IReadOnlyList<EncryptionAlgorithm> ciphers, bool aead) =>
        [.. ciphers.Where(c => c.IsAead == aead).Select(c => new Transform(
            TransformType.Encryption, (ushort)c.Id, c.NegotiatesKeyLength ? [TransformAttribute.KeyLength(c.KeyLengthBits)] : null))];
}
