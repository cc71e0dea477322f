using System.Formats.Asn1;

namespace IpsecTun.Ike.Messages;

/// <summary>
/// The DER AlgorithmIdentifier of an RFC 7427 signature, with the identifiers RFC 7427 Appendix A and
/// RFC 8420 list. Kept as DER because peers compare it byte for byte.
/// </summary>
public sealed class SignatureAlgorithmIdentifier : IEquatable<SignatureAlgorithmIdentifier>
{
    private readonly byte[] _der;

    private SignatureAlgorithmIdentifier(byte[] der, string oid)
    {
        _der = der;
        Oid = oid;
    }

    public static SignatureAlgorithmIdentifier Sha256WithRsa { get; } = WithNullParameters("1.2.840.113549.1.1.11");

    public static SignatureAlgorithmIdentifier Sha384WithRsa { get; } = WithNullParameters("1.2.840.113549.1.1.12");

    public static SignatureAlgorithmIdentifier Sha512WithRsa { get; } = WithNullParameters("1.2.840.113549.1.1.13");

    public static SignatureAlgorithmIdentifier RsaPssSha256 { get; } = RsaPss("2.16.840.1.101.3.4.2.1", 32);

    public static SignatureAlgorithmIdentifier RsaPssSha384 { get; } = RsaPss("2.16.840.1.101.3.4.2.2", 48);

    public static SignatureAlgorithmIdentifier RsaPssSha512 { get; } = RsaPss("2.16.840.1.101.3.4.2.3", 64);

    public static SignatureAlgorithmIdentifier EcdsaWithSha256 { get; } = WithoutParameters("1.2.840.10045.4.3.2");

    public static SignatureAlgorithmIdentifier EcdsaWithSha384 { get; } = WithoutParameters("1.2.840.10045.4.3.3");

    public static SignatureAlgorithmIdentifier EcdsaWithSha512 { get; } = WithoutParameters("1.2.840.10045.4.3.4");

    public static SignatureAlgorithmIdentifier Ed25519 { get; } = WithoutParameters("1.3.101.112");

    public static SignatureAlgorithmIdentifier Ed448 { get; } = WithoutParameters("1.3.101.113");

    /// <summary>The algorithm's object identifier in dotted form.</summary>
    public string Oid { get; }

    public ReadOnlySpan<byte> Der => _der;

    /// <summary>Reads one DER AlgorithmIdentifier that must fill <paramref name="der"/> exactly.</summary>
    public static bool TryParse(ReadOnlySpan<byte> der, [NotNullWhen(true)] out SignatureAlgorithmIdentifier? identifier)
    {
        identifier = null;
        if (!AsnDecoder.TryReadEncodedValue(der, AsnEncodingRules.DER, out Asn1Tag tag, out int contentOffset, out int contentLength, out int consumed)
            || consumed != der.Length || tag != Asn1Tag.Sequence)
        {
            return false;
        }

        try
        {
            ReadOnlySpan<byte> content = der.Slice(contentOffset, contentLength);
            string oid = AsnDecoder.ReadObjectIdentifier(content, AsnEncodingRules.DER, out int oidLength);
            ReadOnlySpan<byte> parameters = content[oidLength..];

            // At most one parameters element, itself well-formed DER.
            if (!parameters.IsEmpty
                && (!AsnDecoder.TryReadEncodedValue(parameters, AsnEncodingRules.DER, out _, out _, out _, out int parametersLength)
                    || parametersLength != parameters.Length))
            {
                return false;
            }

            identifier = new SignatureAlgorithmIdentifier(der.ToArray(), oid);
            return true;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    public bool Equals(SignatureAlgorithmIdentifier? other) => other is not null && _der.AsSpan().SequenceEqual(other._der);

    public override bool Equals(object? obj) => Equals(obj as SignatureAlgorithmIdentifier);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_der);
        return hash.ToHashCode();
    }

    public override string ToString() => Oid;

    private static SignatureAlgorithmIdentifier WithNullParameters(string oid) => Build(oid, w => w.WriteNull());

    private static SignatureAlgorithmIdentifier WithoutParameters(string oid) => Build(oid, _ => { });

    /// <summary>RSASSA-PSS with MGF1 over the same hash and a salt as long as the hash (RFC 7427 A.4.3).</summary>
    private static SignatureAlgorithmIdentifier RsaPss(string hashOid, int saltLength) => Build("1.2.840.113549.1.1.10", w =>
    {
        using (w.PushSequence())
        {
            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0)))
            using (w.PushSequence())
            {
                w.WriteObjectIdentifier(hashOid);
                w.WriteNull();
            }

            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1)))
            using (w.PushSequence())
            {
                w.WriteObjectIdentifier("1.2.840.113549.1.1.8");
                using (w.PushSequence())
                {
                    w.WriteObjectIdentifier(hashOid);
                    w.WriteNull();
                }
            }

            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2)))
            {
                w.WriteInteger(saltLength);
            }
        }
    });

    private static SignatureAlgorithmIdentifier Build(string oid, Action<AsnWriter> writeParameters)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            writeParameters(writer);
        }

        return new SignatureAlgorithmIdentifier(writer.Encode(), oid);
    }
}
