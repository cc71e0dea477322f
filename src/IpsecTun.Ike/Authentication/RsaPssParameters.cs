using System.Formats.Asn1;
using System.Security.Cryptography;
using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Authentication;

/// <summary>
/// Reads the RSASSA-PSS-params of an RFC 7427 AlgorithmIdentifier (RFC 4055 §3.1). Accepted are the
/// parameters RFC 7427 A.4.3 shows: a SHA-2 hash, MGF1 over the same hash, a salt as long as the hash
/// and the default trailer; the SHA-1 defaults and other salt lengths are refused.
/// </summary>
internal static class RsaPssParameters
{
    private const string Mgf1 = "1.2.840.113549.1.1.8";
    private static readonly Asn1Tag HashTag = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag MaskTag = new(TagClass.ContextSpecific, 1, isConstructed: true);
    private static readonly Asn1Tag SaltTag = new(TagClass.ContextSpecific, 2, isConstructed: true);
    private static readonly Asn1Tag TrailerTag = new(TagClass.ContextSpecific, 3, isConstructed: true);

    public static bool TryReadHash(SignatureAlgorithmIdentifier identifier, out HashAlgorithmName hash, [NotNullWhen(false)] out string? reason)
    {
        hash = default;
        try
        {
            AsnReader algorithm = new AsnReader(identifier.Der.ToArray(), AsnEncodingRules.DER).ReadSequence();
            algorithm.ReadObjectIdentifier();
            if (!algorithm.HasData)
            {
                reason = "RSASSA-PSS without parameters means SHA-1";
                return false;
            }

            AsnReader parameters = algorithm.ReadSequence();
            string hashOid = parameters.PeekTag() == HashTag ? ReadAlgorithm(parameters.ReadSequence(HashTag), out _) : "SHA-1";
            if (HashOids.HashOf(hashOid) is not { } named)
            {
                reason = $"RSASSA-PSS with hash {hashOid}";
                return false;
            }

            string maskHash = "SHA-1";
            if (parameters.HasData && parameters.PeekTag() == MaskTag)
            {
                string maskOid = ReadAlgorithm(parameters.ReadSequence(MaskTag), out AsnReader? maskParameters);
                maskHash = maskOid == Mgf1 && maskParameters is not null ? ReadAlgorithm(maskParameters, out _) : maskOid;
            }

            int salt = 20;
            if (parameters.HasData && parameters.PeekTag() == SaltTag)
            {
                AsnReader saltReader = parameters.ReadSequence(SaltTag);
                salt = saltReader.TryReadInt32(out int value) ? value : -1;
                saltReader.ThrowIfNotEmpty();
            }

            int trailer = 1;
            if (parameters.HasData && parameters.PeekTag() == TrailerTag)
            {
                AsnReader trailerReader = parameters.ReadSequence(TrailerTag);
                trailer = trailerReader.TryReadInt32(out int value) ? value : -1;
                trailerReader.ThrowIfNotEmpty();
            }

            parameters.ThrowIfNotEmpty();
            if (maskHash != hashOid || salt != HashOids.SizeOf(named) || trailer != 1)
            {
                reason = $"RSASSA-PSS with MGF1 hash {maskHash}, salt length {salt} and trailer {trailer} (supported: MGF1 over {named.Name}, salt {HashOids.SizeOf(named)})";
                return false;
            }

            hash = named;
            reason = null;
            return true;
        }
        catch (AsnContentException)
        {
            reason = "malformed RSASSA-PSS parameters";
            return false;
        }
    }

    /// <summary>Reads an AlgorithmIdentifier's OID; its parameters, if any, are returned as a reader over the rest.</summary>
    private static string ReadAlgorithm(AsnReader holder, out AsnReader? rest)
    {
        AsnReader sequence = holder.ReadSequence();
        holder.ThrowIfNotEmpty();
        string oid = sequence.ReadObjectIdentifier();
        rest = sequence.HasData ? sequence : null;
        if (rest is not null && rest.PeekTag() == Asn1Tag.Null)
        {
            rest.ReadNull();
            rest.ThrowIfNotEmpty();
            rest = null;
        }

        return oid;
    }
}
