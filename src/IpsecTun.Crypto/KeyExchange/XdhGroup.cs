namespace IpsecTun.Crypto;

/// <summary>
/// Curve25519 and Curve448 in IKEv2 (RFC 8031): the public value and the shared secret are the raw
/// little-endian u coordinates of X25519/X448 (RFC 7748), 32 or 56 bytes.
/// </summary>
/// <remarks>BouncyCastle's <c>Org.BouncyCastle.Math.EC.Rfc7748</c> does the arithmetic; .NET has no X25519/X448.</remarks>
internal sealed class XdhGroup : KeyExchangeGroup
{
    private readonly Action<ReadOnlySpan<byte>, Span<byte>> multiplyBase;
    private readonly Func<ReadOnlySpan<byte>, ReadOnlySpan<byte>, Span<byte>, bool> agree;

    // multiplyBase is X25519/X448 of a scalar with the base point; agree is X25519/X448 of a scalar with a
    // peer's u and returns false when the result is all zero.
    public XdhGroup(
        KeyExchangeGroupId id, string name, int size,
        Action<ReadOnlySpan<byte>, Span<byte>> multiplyBase,
        Func<ReadOnlySpan<byte>, ReadOnlySpan<byte>, Span<byte>, bool> agree)
        : base(id, name, size, size)
    {
        this.multiplyBase = multiplyBase;
        this.agree = agree;
    }

    public override KeyExchange Create(RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);

        // Any string of bytes is a private key: X25519/X448 clamp the scalar when they use it (RFC 7748 §5).
        var privateKey = new byte[PublicValueSize];
        random.Fill(privateKey);
        return new XdhKeyExchange(this, privateKey);
    }

    public override KeyExchange CreateFromPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != PublicValueSize)
        {
            throw new ArgumentException($"A {Name} private key has {PublicValueSize} bytes.", nameof(privateKey));
        }

        return new XdhKeyExchange(this, privateKey.ToArray());
    }

    public void MultiplyBase(ReadOnlySpan<byte> privateKey, Span<byte> publicValue) => multiplyBase(privateKey, publicValue);

    public bool Agree(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> peerPublicValue, Span<byte> sharedSecret) =>
        agree(privateKey, peerPublicValue, sharedSecret);
}
