using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.TeleTrust;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace IpsecTun.Crypto;

/// <summary>Every key exchange group.</summary>
public static class KeyExchangeGroups
{
    public static IReadOnlyList<KeyExchangeGroup> All { get; } =
    [
        SafePrime(KeyExchangeGroupId.Modp768, "modp768", DHStandardGroups.rfc2409_768),
        SafePrime(KeyExchangeGroupId.Modp1024, "modp1024", DHStandardGroups.rfc2409_1024),
        SafePrime(KeyExchangeGroupId.Modp1536, "modp1536", DHStandardGroups.rfc3526_1536),
        SafePrime(KeyExchangeGroupId.Modp2048, "modp2048", DHStandardGroups.rfc3526_2048),
        SafePrime(KeyExchangeGroupId.Modp3072, "modp3072", DHStandardGroups.rfc3526_3072),
        SafePrime(KeyExchangeGroupId.Modp4096, "modp4096", DHStandardGroups.rfc3526_4096),
        SafePrime(KeyExchangeGroupId.Modp6144, "modp6144", DHStandardGroups.rfc3526_6144),
        SafePrime(KeyExchangeGroupId.Modp8192, "modp8192", DHStandardGroups.rfc3526_8192),
        Rfc5114Groups.Modp1024S160,
        Rfc5114Groups.Modp2048S224,
        Rfc5114Groups.Modp2048S256,
        new EcpGroup(KeyExchangeGroupId.Ecp256, "ecp256", ECCurve.NamedCurves.nistP256, CustomNamedCurves.GetByName("secp256r1")),
        new EcpGroup(KeyExchangeGroupId.Ecp384, "ecp384", ECCurve.NamedCurves.nistP384, CustomNamedCurves.GetByName("secp384r1")),
        new EcpGroup(KeyExchangeGroupId.Ecp521, "ecp521", ECCurve.NamedCurves.nistP521, CustomNamedCurves.GetByName("secp521r1")),
        new EcpGroup(KeyExchangeGroupId.Ecp224Bp, "ecp224bp", ECCurve.NamedCurves.brainpoolP224r1, TeleTrusTNamedCurves.GetByName("brainpoolP224r1")),
        new EcpGroup(KeyExchangeGroupId.Ecp256Bp, "ecp256bp", ECCurve.NamedCurves.brainpoolP256r1, TeleTrusTNamedCurves.GetByName("brainpoolP256r1")),
        new EcpGroup(KeyExchangeGroupId.Ecp384Bp, "ecp384bp", ECCurve.NamedCurves.brainpoolP384r1, TeleTrusTNamedCurves.GetByName("brainpoolP384r1")),
        new EcpGroup(KeyExchangeGroupId.Ecp512Bp, "ecp512bp", ECCurve.NamedCurves.brainpoolP512r1, TeleTrusTNamedCurves.GetByName("brainpoolP512r1")),
        new XdhGroup(KeyExchangeGroupId.Curve25519, "curve25519", X25519.PointSize, X25519.ScalarMultBase, X25519.CalculateAgreement),
        new XdhGroup(KeyExchangeGroupId.Curve448, "curve448", X448.PointSize, X448.ScalarMultBase, X448.CalculateAgreement),
    ];

    // Private exponents have 256 bits, or more where BouncyCastle gives a larger private value length for the
    // prime: 275, 325, 375 and 400 bits for 3072 to 8192 bits, the short-exponent sizes of RFC 7919 §5.2
    // (about twice the group's strength) for primes of the same size.
    private static ModpGroup SafePrime(KeyExchangeGroupId id, string name, DHParameters parameters) =>
        ModpGroup.SafePrime(id, name, parameters.P, parameters.G, Math.Max(256, parameters.L));
}
