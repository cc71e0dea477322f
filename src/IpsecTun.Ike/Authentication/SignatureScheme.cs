using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Authentication;

/// <summary>
/// How an AUTH payload is signed: the Digital Signature method of RFC 7427 (14) with an AlgorithmIdentifier,
/// or a classic method, RSA (1, PKCS#1 v1.5 over SHA-1 as RFC 7296 has it) or ECDSA (9, 10, 11, RFC 4754).
/// </summary>
internal sealed record SignatureScheme(AuthMethod Method, SignatureKind Kind, HashAlgorithmName Hash)
{
    private const string RsaPkcs1Sha256 = "1.2.840.113549.1.1.11";
    private const string RsaPkcs1Sha384 = "1.2.840.113549.1.1.12";
    private const string RsaPkcs1Sha512 = "1.2.840.113549.1.1.13";
    private const string RsaPss = "1.2.840.113549.1.1.10";
    private const string EcdsaSha256 = "1.2.840.10045.4.3.2";
    private const string EcdsaSha384 = "1.2.840.10045.4.3.3";
    private const string EcdsaSha512 = "1.2.840.10045.4.3.4";

    public bool IsRfc7427 => Method == AuthMethod.DigitalSignature;

    /// <summary>
    /// The scheme for this side's key: RFC 7427 with the hash that suits the key best among those the peer
    /// announced, else the classic method of the key type; RFC 7427 regardless for keys without one.
    /// </summary>
    public static SignatureScheme ForLocal(LocalCertificate local, IReadOnlySet<HashAlgorithmName>? peerHashes)
    {
        SignatureKind kind = local.PrivateKey is ECDsa ? SignatureKind.Ecdsa : local.UseRsaPss ? SignatureKind.RsaPss : SignatureKind.RsaPkcs1;
        HashAlgorithmName[] preference = PreferredHashes(local.PrivateKey);
        if (peerHashes is not null && preference.Where(peerHashes.Contains).Select(h => (HashAlgorithmName?)h).FirstOrDefault() is { } hash)
        {
            return new SignatureScheme(AuthMethod.DigitalSignature, kind, hash);
        }

        return (local.PrivateKey, local.PrivateKey.KeySize) switch
        {
            (RSA, _) => new SignatureScheme(AuthMethod.RsaDigitalSignature, SignatureKind.RsaPkcs1, ClassicRsaHash),
            (ECDsa, 256) => new SignatureScheme(AuthMethod.EcdsaSha256P256, kind, HashAlgorithmName.SHA256),
            (ECDsa, 384) => new SignatureScheme(AuthMethod.EcdsaSha384P384, kind, HashAlgorithmName.SHA384),
            (ECDsa, 521) => new SignatureScheme(AuthMethod.EcdsaSha512P521, kind, HashAlgorithmName.SHA512),
            _ => new SignatureScheme(AuthMethod.DigitalSignature, kind, preference[0]),
        };
    }

    /// <summary>The scheme and signature value of a peer's signature AUTH, or why it is not one we verify.</summary>
    public static bool TryFromAuth(
        AuthenticationPayload auth, [NotNullWhen(true)] out SignatureScheme? scheme, out ReadOnlyMemory<byte> signature, [NotNullWhen(false)] out string? reason)
    {
        signature = auth.Data;
        reason = null;
        scheme = auth.Method switch
        {
            AuthMethod.RsaDigitalSignature => new SignatureScheme(auth.Method, SignatureKind.RsaPkcs1, ClassicRsaHash),
            AuthMethod.EcdsaSha256P256 => new SignatureScheme(auth.Method, SignatureKind.Ecdsa, HashAlgorithmName.SHA256),
            AuthMethod.EcdsaSha384P384 => new SignatureScheme(auth.Method, SignatureKind.Ecdsa, HashAlgorithmName.SHA384),
            AuthMethod.EcdsaSha512P521 => new SignatureScheme(auth.Method, SignatureKind.Ecdsa, HashAlgorithmName.SHA512),
            _ => null,
        };
        if (scheme is not null)
        {
            return true;
        }

        if (auth.Method != AuthMethod.DigitalSignature || !SignatureAuthData.TryParse(auth.Data.Span, out SignatureAuthData data))
        {
            reason = $"auth method {auth.Method} is not a signature method we support";
            return false;
        }

        signature = data.Signature;
        SignatureAlgorithmIdentifier algorithm = data.Algorithm;
        (SignatureKind Kind, HashAlgorithmName Hash)? known = algorithm.Oid switch
        {
            RsaPkcs1Sha256 => (SignatureKind.RsaPkcs1, HashAlgorithmName.SHA256),
            RsaPkcs1Sha384 => (SignatureKind.RsaPkcs1, HashAlgorithmName.SHA384),
            RsaPkcs1Sha512 => (SignatureKind.RsaPkcs1, HashAlgorithmName.SHA512),
            EcdsaSha256 => (SignatureKind.Ecdsa, HashAlgorithmName.SHA256),
            EcdsaSha384 => (SignatureKind.Ecdsa, HashAlgorithmName.SHA384),
            EcdsaSha512 => (SignatureKind.Ecdsa, HashAlgorithmName.SHA512),
            RsaPss when RsaPssParameters.TryReadHash(algorithm, out HashAlgorithmName pssHash, out reason) => (SignatureKind.RsaPss, pssHash),
            _ => null,
        };
        if (known is not { } found)
        {
            reason ??= $"signature algorithm {algorithm.Oid} is not supported";
            return false;
        }

        scheme = new SignatureScheme(AuthMethod.DigitalSignature, found.Kind, found.Hash);
        return true;
    }

    /// <summary>
    /// Signs <paramref name="octets"/> with the key of <paramref name="local"/>; false with <paramref name="problem"/>
    /// when the key cannot make this signature (a public key only, or one too small for RSASSA-PSS with the hash).
    /// Whether the key belongs to the certificate is <see cref="LocalCertificate.SigningProblem"/>'s check.
    /// </summary>
    public bool TrySign(LocalCertificate local, byte[] octets, [NotNullWhen(true)] out AuthenticationPayload? auth, [NotNullWhen(false)] out string? problem)
    {
        auth = null;
        byte[] signature;
        try
        {
            signature = local.PrivateKey switch
            {
                RSA rsa => rsa.SignData(octets, Hash, Kind == SignatureKind.RsaPss ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1),
                _ => ((ECDsa)local.PrivateKey).SignData(octets, Hash, EcdsaFormat),
            };
        }
        catch (CryptographicException e)
        {
            problem = $"our private key for {local.Certificate.Subject} cannot sign {this}: {e.Message}";
            return false;
        }

        auth = IsRfc7427
            ? AuthenticationPayload.DigitalSignature(new SignatureAuthData(Identifier, signature))
            : new AuthenticationPayload(Method, signature);
        problem = null;
        return true;
    }

    /// <summary>Verifies <paramref name="signature"/> over <paramref name="octets"/> with the public key of <paramref name="certificate"/>.</summary>
    public bool Verify(X509Certificate2 certificate, byte[] octets, ReadOnlySpan<byte> signature, [NotNullWhen(false)] out string? reason)
    {
        reason = null;
        try
        {
            if (Kind == SignatureKind.Ecdsa)
            {
                using ECDsa? ecdsa = certificate.GetECDsaPublicKey();
                int? curveBits = Method switch
                {
                    AuthMethod.EcdsaSha256P256 => 256,
                    AuthMethod.EcdsaSha384P384 => 384,
                    AuthMethod.EcdsaSha512P521 => 521,
                    _ => null,
                };
                reason = ecdsa is null ? $"{this} needs an ECDSA key, {certificate.Subject} has none"
                    : curveBits is { } bits && ecdsa.KeySize != bits ? $"{this} needs a P-{curveBits} key, {certificate.Subject} has {ecdsa.KeySize} bits"
                    : !ecdsa.VerifyData(octets, signature, Hash, EcdsaFormat) ? $"{this} signature does not verify with the key of {certificate.Subject}"
                    : null;
            }
            else
            {
                using RSA? rsa = certificate.GetRSAPublicKey();
                RSASignaturePadding padding = Kind == SignatureKind.RsaPss ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
                reason = rsa is null ? $"{this} needs an RSA key, {certificate.Subject} has none"
                    : !rsa.VerifyData(octets, signature, Hash, padding) ? $"{this} signature does not verify with the key of {certificate.Subject}"
                    : null;
            }
        }
        catch (CryptographicException e)
        {
            reason = $"{this} signature could not be checked: {e.Message}";
        }

        return reason is null;
    }

    public override string ToString()
    {
        string kind = Kind switch
        {
            SignatureKind.RsaPkcs1 => "RSA PKCS#1 v1.5",
            SignatureKind.RsaPss => "RSASSA-PSS",
            _ => "ECDSA",
        };
        return $"{kind} with {Hash.Name} ({(IsRfc7427 ? "RFC 7427" : $"auth method {(int)Method}")})";
    }

    /// <summary>RFC 7296 §3.8 leaves the hash of the RSA method to PKCS#1, which IKEv2 implementations read as SHA-1.</summary>
    [SuppressMessage("Security", "CA5350", Justification = "The classic RSA auth method of RFC 7296 is defined over SHA-1.")]
    private static HashAlgorithmName ClassicRsaHash => HashAlgorithmName.SHA1;

    private DSASignatureFormat EcdsaFormat => IsRfc7427 ? DSASignatureFormat.Rfc3279DerSequence : DSASignatureFormat.IeeeP1363FixedFieldConcatenation;

    private SignatureAlgorithmIdentifier Identifier => (Kind, Hash.Name) switch
    {
        (SignatureKind.RsaPkcs1, "SHA384") => SignatureAlgorithmIdentifier.Sha384WithRsa,
        (SignatureKind.RsaPkcs1, "SHA512") => SignatureAlgorithmIdentifier.Sha512WithRsa,
        (SignatureKind.RsaPkcs1, _) => SignatureAlgorithmIdentifier.Sha256WithRsa,
        (SignatureKind.RsaPss, "SHA384") => SignatureAlgorithmIdentifier.RsaPssSha384,
        (SignatureKind.RsaPss, "SHA512") => SignatureAlgorithmIdentifier.RsaPssSha512,
        (SignatureKind.RsaPss, _) => SignatureAlgorithmIdentifier.RsaPssSha256,
        (_, "SHA384") => SignatureAlgorithmIdentifier.EcdsaWithSha384,
        (_, "SHA512") => SignatureAlgorithmIdentifier.EcdsaWithSha512,
        _ => SignatureAlgorithmIdentifier.EcdsaWithSha256,
    };

    /// <summary>A hash as strong as the key (NIST SP 800-57 strengths): SHA-256 up to RSA 3072 and P-256, then SHA-384, then SHA-512.</summary>
    private static HashAlgorithmName[] PreferredHashes(AsymmetricAlgorithm key)
    {
        int strength = key is ECDsa ? key.KeySize : key.KeySize <= 3072 ? 256 : key.KeySize <= 7680 ? 384 : 521;
        return strength switch
        {
            <= 256 => [HashAlgorithmName.SHA256, HashAlgorithmName.SHA384, HashAlgorithmName.SHA512],
            <= 384 => [HashAlgorithmName.SHA384, HashAlgorithmName.SHA512, HashAlgorithmName.SHA256],
            _ => [HashAlgorithmName.SHA512, HashAlgorithmName.SHA384, HashAlgorithmName.SHA256],
        };
    }
}
