using BenchmarkDotNet.Attributes;
using IpsecTun.Crypto;
using Org.BouncyCastle.Crypto.Agreement;
using BouncyCastleInteger = Org.BouncyCastle.Math.BigInteger;
using NumericsInteger = System.Numerics.BigInteger;

namespace IpsecTun.Benchmarks;

/// <summary>
/// The candidates for MODP arithmetic: libcrypto's constant-time exponentiation (what the groups use where
/// libcrypto is installed) and the two managed ones; y^x mod p with a 256-bit exponent, as key generation
/// and the shared secret use it, and with a full-length one.
/// </summary>
[MemoryDiagnoser]
public class ModPowBackendBenchmarks
{
    private BouncyCastleInteger prime = null!;
    private BouncyCastleInteger value = null!;
    private BouncyCastleInteger exponent = null!;
    private NumericsInteger numericsPrime;
    private NumericsInteger numericsValue;
    private NumericsInteger numericsExponent;
    private byte[] primeBytes = [];
    private byte[] valueBytes = [];
    private byte[] exponentBytes = [];
    private byte[] result = [];

    [Params(2048, 4096)]
    public int PrimeBits { get; set; }

    [Params(256, 2048)]
    public int ExponentBits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        prime = (PrimeBits == 2048 ? DHStandardGroups.rfc3526_2048 : DHStandardGroups.rfc3526_4096).P;
        var random = new Random(1);
        value = new BouncyCastleInteger(PrimeBits - 1, random);
        exponent = new BouncyCastleInteger(ExponentBits, random);
        numericsPrime = new NumericsInteger(prime.ToByteArrayUnsigned(), isUnsigned: true, isBigEndian: true);
        numericsValue = new NumericsInteger(value.ToByteArrayUnsigned(), isUnsigned: true, isBigEndian: true);
        numericsExponent = new NumericsInteger(exponent.ToByteArrayUnsigned(), isUnsigned: true, isBigEndian: true);
        primeBytes = prime.ToByteArrayUnsigned();
        valueBytes = value.ToByteArrayUnsigned();
        exponentBytes = exponent.ToByteArrayUnsigned();
        result = new byte[primeBytes.Length];
    }

    [Benchmark(Baseline = true)]
    public BouncyCastleInteger BouncyCastle() => value.ModPow(exponent, prime);

    [Benchmark]
    public NumericsInteger SystemNumerics() => NumericsInteger.ModPow(numericsValue, numericsExponent, numericsPrime);

    [Benchmark]
    public byte[] LibCrypto()
    {
        ModularExponentiation.LibCrypto.Power(valueBytes, exponentBytes, primeBytes, result);
        return result;
    }
}
