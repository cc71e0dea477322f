using System.Formats.Asn1;
using System.Security.Cryptography;
using IpsecTun.Ike.Authentication;
using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Tests.Authentication;

/// <summary>Reading the signature scheme of a peer's AUTH: RFC 7427 AlgorithmIdentifiers, RSASSA-PSS parameters, classic methods.</summary>
public sealed class SignatureSchemeTests
{
    private const string Sha256 = "2.16.840.1.101.3.4.2.1";
    private const string Sha384 = "2.16.840.1.101.3.4.2.2";

    public static TheoryData<string, string> Rfc7427Identifiers => new()
    {
        { nameof(SignatureAlgorithmIdentifier.Sha256WithRsa), "RSA PKCS#1 v1.5 with SHA256 (RFC 7427)" },
        { nameof(SignatureAlgorithmIdentifier.Sha512WithRsa), "RSA PKCS#1 v1.5 with SHA512 (RFC 7427)" },
        { nameof(SignatureAlgorithmIdentifier.RsaPssSha256), "RSASSA-PSS with SHA256 (RFC 7427)" },
        { nameof(SignatureAlgorithmIdentifier.RsaPssSha384), "RSASSA-PSS with SHA384 (RFC 7427)" },
        { nameof(SignatureAlgorithmIdentifier.RsaPssSha512), "RSASSA-PSS with SHA512 (RFC 7427)" },
        { nameof(SignatureAlgorithmIdentifier.EcdsaWithSha384), "ECDSA with SHA384 (RFC 7427)" },
    };

    [Theory]
    [MemberData(nameof(Rfc7427Identifiers))]
    public void Rfc7427_algorithm_identifiers_map_to_their_scheme(string identifier, string expected)
    {
        var algorithm = (SignatureAlgorithmIdentifier)typeof(SignatureAlgorithmIdentifier).GetProperty(identifier)!.GetValue(null)!;

        Assert.True(SignatureScheme.TryFromAuth(Auth(algorithm), out SignatureScheme? scheme, out ReadOnlyMemory<byte> signature, out string? reason), reason);

        Assert.Equal(expected, scheme.ToString());
        Assert.Equal([1, 2, 3], signature.ToArray());
    }

    [Theory]
    [InlineData(AuthMethod.RsaDigitalSignature, "RSA PKCS#1 v1.5 with SHA1 (auth method 1)")]
    [InlineData(AuthMethod.EcdsaSha256P256, "ECDSA with SHA256 (auth method 9)")]
    [InlineData(AuthMethod.EcdsaSha512P521, "ECDSA with SHA512 (auth method 11)")]
    public void Classic_methods_carry_the_bare_signature(AuthMethod method, string expected)
    {
        Assert.True(SignatureScheme.TryFromAuth(new AuthenticationPayload(method, new byte[] { 9, 9 }), out SignatureScheme? scheme, out ReadOnlyMemory<byte> signature, out _));

        Assert.Equal(expected, scheme.ToString());
        Assert.Equal([9, 9], signature.ToArray());
    }

    [Fact]
    public void Pss_hash_identifiers_without_null_parameters_are_accepted()
    {
        Assert.True(SignatureScheme.TryFromAuth(Auth(Pss(Sha384, Sha384, 48, withNull: false)), out SignatureScheme? scheme, out _, out string? reason), reason);
        Assert.Equal("RSASSA-PSS with SHA384 (RFC 7427)", scheme.ToString());
    }

    public static TheoryData<string, string> RefusedPss => new()
    {
        { "defaults", "RSASSA-PSS without parameters means SHA-1" },
        { "salt", "salt length 20" },
        { "mgf", $"MGF1 hash {Sha384}" },
    };

    [Theory]
    [MemberData(nameof(RefusedPss))]
    public void Pss_parameters_other_than_rfc7427_shows_are_refused(string variant, string expected)
    {
        SignatureAlgorithmIdentifier algorithm = variant switch
        {
            "defaults" => Parse(Sequence(w => w.WriteObjectIdentifier("1.2.840.113549.1.1.10"))),
            "salt" => Pss(Sha256, Sha256, 20, withNull: true),
            _ => Pss(Sha256, Sha384, 32, withNull: true),
        };

        Assert.False(SignatureScheme.TryFromAuth(Auth(algorithm), out _, out _, out string? reason));
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_algorithms_and_methods_are_named()
    {
        Assert.False(SignatureScheme.TryFromAuth(Auth(SignatureAlgorithmIdentifier.Ed25519), out _, out _, out string? reason));
        Assert.Equal("signature algorithm 1.3.101.112 is not supported", reason);
        Assert.False(SignatureScheme.TryFromAuth(new AuthenticationPayload(AuthMethod.DssDigitalSignature, new byte[] { 1 }), out _, out _, out reason));
        Assert.Equal("auth method DssDigitalSignature is not a signature method we support", reason);
    }

    private static AuthenticationPayload Auth(SignatureAlgorithmIdentifier algorithm) =>
        AuthenticationPayload.DigitalSignature(new SignatureAuthData(algorithm, new byte[] { 1, 2, 3 }));

    private static SignatureAlgorithmIdentifier Pss(string hash, string maskHash, int salt, bool withNull) => Parse(Sequence(w =>
    {
        w.WriteObjectIdentifier("1.2.840.113549.1.1.10");
        using (w.PushSequence())
        {
            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                WriteHash(w, hash, withNull);
            }

            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1)))
            using (w.PushSequence())
            {
                w.WriteObjectIdentifier("1.2.840.113549.1.1.8");
                WriteHash(w, maskHash, withNull);
            }

            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2)))
            {
                w.WriteInteger(salt);
            }
        }
    }));

    private static void WriteHash(AsnWriter writer, string oid, bool withNull)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            if (withNull)
            {
                writer.WriteNull();
            }
        }
    }

    private static byte[] Sequence(Action<AsnWriter> content)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            content(writer);
        }

        return writer.Encode();
    }

    private static SignatureAlgorithmIdentifier Parse(byte[] der)
    {
        Assert.True(SignatureAlgorithmIdentifier.TryParse(der, out SignatureAlgorithmIdentifier? algorithm));
        return algorithm;
    }
}
