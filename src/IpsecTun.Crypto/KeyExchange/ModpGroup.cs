using Org.BouncyCastle.Math;
using Org.BouncyCastle.Utilities;

namespace IpsecTun.Crypto;

/// <summary>
/// Diffie-Hellman over a MODP prime (RFC 2409, RFC 3526, RFC 5114). Public values and the shared secret
/// are big-endian and left-padded to the prime's length (RFC 7296 §3.4).
/// </summary>
/// <remarks>
/// Arithmetic is BouncyCastle's <see cref="BigInteger.ModPow"/> (Montgomery, sliding window), which
/// measured faster than System.Numerics for 2048- and 4096-bit primes. It is not constant time.
/// </remarks>
internal sealed class ModpGroup : KeyExchangeGroup
{
    private readonly BigInteger primeMinusOne;

    // Private exponents are drawn from [1, exponentBound): q for the RFC 5114 groups, 2^bits for the safe
    // primes, whose exponents are kept short.
    private readonly byte[] exponentBound;

    private ModpGroup(KeyExchangeGroupId id, string name, BigInteger prime, BigInteger generator, BigInteger? subgroupOrder, byte[] exponentBound)
        : base(id, name, prime.GetLengthofByteArrayUnsigned(), prime.GetLengthofByteArrayUnsigned())
    {
        Prime = prime;
        Generator = generator;
        SubgroupOrder = subgroupOrder;
        primeMinusOne = prime.Subtract(BigInteger.One);
        this.exponentBound = exponentBound;
    }

    public BigInteger Prime { get; }

    public BigInteger Generator { get; }

    /// <summary>The order q of the subgroup <see cref="Generator"/> generates, for the RFC 5114 groups; null for safe primes.</summary>
    public BigInteger? SubgroupOrder { get; }

    /// <summary>
    /// A group over a safe prime p = 2q + 1 with private exponents of <paramref name="exponentBits"/> random bits.
    /// Short exponents are safe here because p - 1 has no small factors besides 2 (RFC 3526 §8, RFC 7919 §5.2).
    /// </summary>
    public static ModpGroup SafePrime(KeyExchangeGroupId id, string name, BigInteger prime, BigInteger generator, int exponentBits) =>
        new(id, name, prime, generator, subgroupOrder: null, BigInteger.One.ShiftLeft(exponentBits).ToByteArrayUnsigned());

    /// <summary>A group whose generator has prime order q (RFC 5114): private exponents are uniform in [1, q-1].</summary>
    public static ModpGroup PrimeOrderSubgroup(KeyExchangeGroupId id, string name, BigInteger prime, BigInteger generator, BigInteger subgroupOrder) =>
        new(id, name, prime, generator, subgroupOrder, subgroupOrder.ToByteArrayUnsigned());

    public override KeyExchange Create(RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var exponent = new byte[exponentBound.Length];
        try
        {
            RandomScalar.FillBelow(random, exponentBound, exponent);
            return new ModpKeyExchange(this, new BigInteger(1, exponent));
        }
        finally
        {
            Array.Clear(exponent);
        }
    }

    public override KeyExchange CreateFromPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        var exponent = new BigInteger(1, privateKey);
        var limit = SubgroupOrder ?? primeMinusOne;
        if (exponent.SignValue <= 0 || exponent.CompareTo(limit) >= 0)
        {
            throw new ArgumentException($"A {Name} private exponent must lie in [1, {(SubgroupOrder is null ? "p-1" : "q")}).", nameof(privateKey));
        }

        return new ModpKeyExchange(this, exponent);
    }

    /// <summary>Reads a peer's public value y and checks 1 &lt; y &lt; p-1, and y^q = 1 for a prime-order subgroup (RFC 6989 §2.2).</summary>
    public KeyExchangeError TryReadPublicValue(ReadOnlySpan<byte> value, out BigInteger y)
    {
        y = BigInteger.Zero;
        if (value.Length != PublicValueSize)
        {
            return KeyExchangeError.InvalidLength;
        }

        var candidate = new BigInteger(1, value);
        if (candidate.CompareTo(BigInteger.One) <= 0 || candidate.CompareTo(primeMinusOne) >= 0)
        {
            return KeyExchangeError.InvalidPublicValue;
        }

        if (SubgroupOrder is not null && !candidate.ModPow(SubgroupOrder, Prime).Equals(BigInteger.One))
        {
            return KeyExchangeError.InvalidPublicValue;
        }

        y = candidate;
        return KeyExchangeError.None;
    }

    /// <summary>Writes value^exponent mod p, left-padded to the prime's length.</summary>
    public void Power(BigInteger value, BigInteger exponent, Span<byte> destination) =>
        BigIntegers.AsUnsignedByteArray(value.ModPow(exponent, Prime), destination);
}
