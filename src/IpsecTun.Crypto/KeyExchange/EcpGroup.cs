using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.X9;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace IpsecTun.Crypto;

/// <summary>
/// ECDH over a prime curve: the NIST curves of RFC 5903 and the brainpool curves of RFC 6954. The public
/// value is x | y, each left-padded to the field size, with no point-format prefix; the shared secret is the
/// x coordinate of the shared point (RFC 5903 §7, which RFC 6954 applies to brainpool).
/// </summary>
/// <remarks>
/// The scalar multiplications run in the platform library behind <see cref="ECDiffieHellman"/> (OpenSSL on
/// Linux), which is faster for key generation than BouncyCastle and frees private keys with BN_clear_free.
/// A peer's point is first checked here with BouncyCastle's field arithmetic, so that a bad value is
/// reported as an error instead of an exception from the import.
/// </remarks>
internal sealed class EcpGroup : KeyExchangeGroup
{
    private readonly X9ECParameters domain;
    private readonly byte[] fieldPrime;
    private readonly byte[] order;

    // curve names the curve for the platform library; domain is the same curve for validating peer points.
    public EcpGroup(KeyExchangeGroupId id, string name, ECCurve curve, X9ECParameters domain)
        : this(id, name, curve, domain, FieldSizeOf(domain))
    {
    }

    private EcpGroup(KeyExchangeGroupId id, string name, ECCurve curve, X9ECParameters domain, int fieldSize)
        : base(id, name, 2 * fieldSize, fieldSize)
    {
        Curve = curve;
        this.domain = domain;
        FieldSize = fieldSize;
        fieldPrime = Pad(domain.Curve.Field.Characteristic);
        order = Pad(domain.N);
    }

    public ECCurve Curve { get; }

    /// <summary>Bytes of one coordinate, of the shared secret and of a private scalar.</summary>
    public int FieldSize { get; }

    public override KeyExchange Create(RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var scalar = new byte[FieldSize];
        try
        {
            RandomScalar.FillBelow(random, order, scalar);
            return new EcpKeyExchange(this, scalar);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
        }
    }

    public override KeyExchange CreateFromPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length > FieldSize)
        {
            throw new ArgumentException($"A {Name} private key has at most {FieldSize} bytes.", nameof(privateKey));
        }

        var scalar = new byte[FieldSize];
        try
        {
            privateKey.CopyTo(scalar.AsSpan(FieldSize - privateKey.Length));
            if (!scalar.AsSpan().ContainsAnyExcept((byte)0) || scalar.AsSpan().SequenceCompareTo(order) >= 0)
            {
                throw new ArgumentException($"A {Name} private key must lie in [1, n).", nameof(privateKey));
            }

            return new EcpKeyExchange(this, scalar);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
        }
    }

    /// <summary>
    /// Checks a peer's x | y: the group's length, both coordinates below p, and the point on the curve. The
    /// point at infinity has no x | y encoding, and every curve here has cofactor 1, so nothing else remains.
    /// </summary>
    public KeyExchangeError ValidatePublicValue(ReadOnlySpan<byte> value)
    {
        if (value.Length != PublicValueSize)
        {
            return KeyExchangeError.InvalidLength;
        }

        var x = value[..FieldSize];
        var y = value[FieldSize..];
        if (x.SequenceCompareTo(fieldPrime) >= 0 || y.SequenceCompareTo(fieldPrime) >= 0)
        {
            return KeyExchangeError.InvalidPublicValue;
        }

        var point = domain.Curve.CreatePoint(new BigInteger(1, x), new BigInteger(1, y));
        return point.IsValid() ? KeyExchangeError.None : KeyExchangeError.InvalidPublicValue;
    }

    private static int FieldSizeOf(X9ECParameters domain) => (domain.Curve.FieldSize + 7) / 8;

    private byte[] Pad(BigInteger value)
    {
        var bytes = new byte[FieldSize];
        Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(value, bytes);
        return bytes;
    }
}
