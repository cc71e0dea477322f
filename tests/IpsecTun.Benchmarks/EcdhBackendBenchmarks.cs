using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Org.BouncyCastle.Asn1.TeleTrust;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math.EC.Multiplier;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace IpsecTun.Benchmarks;

/// <summary>
/// The two candidates for ECP and brainpool groups, on the raw operations: the platform ECDiffieHellman
/// (OpenSSL on Linux; import of the peer point and derivation) against BouncyCastle's curve arithmetic.
/// </summary>
[MemoryDiagnoser]
public class EcdhBackendBenchmarks
{
    private ECParameters privateKey;
    private ECParameters peerPublicKey;
    private ECDiffieHellman platformKey = null!;
    private X9ECParameters domain = null!;
    private BigInteger scalar = null!;
    private Org.BouncyCastle.Math.EC.ECPoint peerPoint = null!;

    [Params("nistP256", "brainpoolP256r1")]
    public string Curve { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var curve = ECCurve.CreateFromFriendlyName(Curve);
        platformKey = ECDiffieHellman.Create(curve);
        using var peer = ECDiffieHellman.Create(curve);
        privateKey = platformKey.ExportParameters(includePrivateParameters: true);
        peerPublicKey = peer.ExportParameters(includePrivateParameters: false);

        domain = Curve == "nistP256" ? CustomNamedCurves.GetByName("secp256r1") : TeleTrusTNamedCurves.GetByName(Curve);
        scalar = new BigInteger(1, privateKey.D);
        peerPoint = domain.Curve.CreatePoint(new BigInteger(1, peerPublicKey.Q.X), new BigInteger(1, peerPublicKey.Q.Y));
    }

    [GlobalCleanup]
    public void Cleanup() => platformKey.Dispose();

    [Benchmark]
    public byte[] PlatformKeyGeneration()
    {
        using var key = ECDiffieHellman.Create(new ECParameters { Curve = privateKey.Curve, D = privateKey.D });
        return key.ExportParameters(includePrivateParameters: false).Q.X!;
    }

    [Benchmark]
    public byte[] PlatformSharedSecret()
    {
        using var peer = ECDiffieHellman.Create(peerPublicKey);
        using var peerKey = peer.PublicKey;
        return platformKey.DeriveRawSecretAgreement(peerKey);
    }

    [Benchmark]
    public BigInteger BouncyCastleKeyGeneration() =>
        new FixedPointCombMultiplier().Multiply(domain.G, scalar).Normalize().AffineXCoord.ToBigInteger();

    [Benchmark]
    public BigInteger BouncyCastleSharedSecret() =>
        peerPoint.Multiply(scalar).Normalize().AffineXCoord.ToBigInteger();
}
