using Org.BouncyCastle.Math;

namespace IpsecTun.Crypto;

/// <summary>
/// Diffie-Hellman over a MODP prime (RFC 2409, RFC 3526, RFC 5114). Public values and the shared secret
/// are big-endian and left-padded to the prime's length (RFC 7296 §3.4).
/// </summary>
internal sealed class ModpGroup : KeyExchangeGroup
{
    private readonly byte[] prime;
    private readonly byte[] primeMinusOne;
    private readonly byte[] generator;
    private readonly byte[]? subgroupOrder;

    // Private exponents are drawn from [1, exponentBound): q for the RFC 5114 groups, 2^bits for the safe
    // primes, whose exponents are kept short.
    private readonly byte[] exponentBound;

    private ModpGroup(KeyExchangeGroupId id, string name, BigInteger prime, BigInteger generator, BigInteger? subgroupOrder, byte[] exponentBound)
        : base(id, name, prime.GetLengthofByteArrayUnsigned(), prime.GetLengthofByteArrayUnsigned())
    {
        Prime = prime;
        Generator = generator;
        SubgroupOrder = subgroupOrder;
        this.prime = prime.ToByteArrayUnsigned();
        primeMinusOne = Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(PublicValueSize, prime.Subtract(BigInteger.One));
        this.generator = generator.ToByteArrayUnsigned();
        this.subgroupOrder = subgroupOrder?.ToByteArrayUnsigned();
        this.exponentBound = exponentBound;
        Exponentiation = ModularExponentiation.Default;
    }

    private ModpGroup(ModpGroup group, ModularExponentiation exponentiation)
        : this(group.Id, group.Name, group.Prime, group.Generator, group.SubgroupOrder, group.exponentBound) =>
        Exponentiation = exponentiation;

    public BigInteger Prime { get; }

    public BigInteger Generator { get; }

    /// <summary>The order q of the subgroup <see cref="Generator"/> generates, for the RFC 5114 groups; null for safe primes.</summary>
    public BigInteger? SubgroupOrder { get; }

    public ModularExponentiation Exponentiation { get; }

    /// <summary>
    /// A group over a safe prime p = 2q + 1 with private exponents of <paramref name="exponentBits"/> random bits.
    /// Short exponents are safe here because p - 1 has no small factors besides 2 (RFC 3526 §8, RFC 7919 §5.2).
    /// </summary>
    public static ModpGroup SafePrime(KeyExchangeGroupId id, string name, BigInteger prime, BigInteger generator, int exponentBits) =>
        new(id, name, prime, generator, subgroupOrder: null, BigInteger.One.ShiftLeft(exponentBits).ToByteArrayUnsigned());

    /// <summary>A group whose generator has prime order q (RFC 5114): private exponents are uniform in [1, q-1].</summary>
    public static ModpGroup PrimeOrderSubgroup(KeyExchangeGroupId id, string name, BigInteger prime, BigInteger generator, BigInteger subgroupOrder) =>
        new(id, name, prime, generator, subgroupOrder, subgroupOrder.ToByteArrayUnsigned());

    /// <summary>The same group computed by another implementation; tests run both.</summary>
    public ModpGroup With(ModularExponentiation exponentiation) => new(this, exponentiation);

    public override KeyExchange Create(RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var exponent = new byte[exponentBound.Length];
        RandomScalar.FillBelow(random, exponentBound, exponent);
        return new ModpKeyExchange(this, exponent);
    }

    public override KeyExchange CreateFromPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        var exponent = new BigInteger(1, privateKey);
        var limit = SubgroupOrder ?? Prime.Subtract(BigInteger.One);
        if (exponent.SignValue <= 0 || exponent.CompareTo(limit) >= 0)
        {
            throw new ArgumentException($"A {Name} private exponent must lie in [1, {(SubgroupOrder is null ? "p-1" : "q")}).", nameof(privateKey));
        }

        return new ModpKeyExchange(this, privateKey.ToArray());
    }

    /// <summary>Checks a peer's public value y: 1 &lt; y &lt; p-1, and y^q = 1 for a prime-order subgroup (RFC 6989 §2.2).</summary>
    public KeyExchangeError ValidatePublicValue(ReadOnlySpan<byte> y)
    {
        if (y.Length != PublicValueSize)
        {
            return KeyExchangeError.InvalidLength;
        }

        if (IsZeroOrOne(y) || y.SequenceCompareTo(primeMinusOne) >= 0)
        {
            return KeyExchangeError.InvalidPublicValue;
        }

        if (subgroupOrder is not null)
        {
            var power = new byte[PublicValueSize];
            Exponentiation.Power(y, subgroupOrder, prime, power);
            if (!IsZeroOrOne(power) || power[^1] != 1)
            {
                return KeyExchangeError.InvalidPublicValue;
            }
        }

        return KeyExchangeError.None;
    }

    /// <summary>Writes g^exponent mod p, left-padded to the prime's length.</summary>
    public void PowerOfGenerator(ReadOnlySpan<byte> exponent, Span<byte> destination) =>
        Exponentiation.Power(generator, exponent, prime, destination);

    /// <summary>Writes value^exponent mod p, left-padded to the prime's length.</summary>
    public void Power(ReadOnlySpan<byte> value, ReadOnlySpan<byte> exponent, Span<byte> destination) =>
        Exponentiation.Power(value, exponent, prime, destination);

    private static bool IsZeroOrOne(ReadOnlySpan<byte> value) => !value[..^1].ContainsAnyExcept((byte)0) && value[^1] <= 1;
}
