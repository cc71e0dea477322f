using Org.BouncyCastle.Math;

namespace IpsecTun.Crypto;

/// <summary>One side of a MODP Diffie-Hellman exchange.</summary>
/// <remarks>
/// The private exponent is a BouncyCastle <see cref="BigInteger"/>: immutable, with no way to clear its
/// magnitude array. Dispose drops the reference so the exchange can no longer be used, but the exponent's
/// bytes stay in the managed heap until the garbage collector reuses that memory.
/// </remarks>
internal sealed class ModpKeyExchange : KeyExchange
{
    private readonly ModpGroup group;
    private readonly byte[] publicValue;
    private BigInteger? exponent;

    public ModpKeyExchange(ModpGroup group, BigInteger exponent)
        : base(group)
    {
        this.group = group;
        this.exponent = exponent;
        publicValue = new byte[group.PublicValueSize];
        group.Power(group.Generator, exponent, publicValue);
    }

    public override ReadOnlySpan<byte> PublicValue => publicValue;

    public override bool TryComputeSharedSecret(ReadOnlySpan<byte> peerPublicValue, Span<byte> sharedSecret, out KeyExchangeError failure)
    {
        ObjectDisposedException.ThrowIf(exponent is null, this);
        SharedSecretBuffer.CheckLength(Group, sharedSecret);

        failure = group.TryReadPublicValue(peerPublicValue, out var y);
        if (failure != KeyExchangeError.None)
        {
            return false;
        }

        group.Power(y, exponent, sharedSecret);
        return true;
    }

    protected override void Dispose(bool disposing) => exponent = null;
}
