using System.Security.Cryptography;

namespace IpsecTun.Crypto;

/// <summary>One side of a MODP Diffie-Hellman exchange.</summary>
/// <remarks>
/// The private exponent is a byte array that Dispose clears, and libcrypto clears its own copies. The
/// managed fallback cannot do as well: it turns the exponent into an immutable BouncyCastle BigInteger for
/// each operation, and those copies stay in the managed heap until the garbage collector reuses the memory.
/// </remarks>
internal sealed class ModpKeyExchange : KeyExchange
{
    private readonly ModpGroup group;
    private readonly byte[] exponent;
    private readonly byte[] publicValue;

    // exponent is taken over by this instance, which clears it on dispose.
    public ModpKeyExchange(ModpGroup group, byte[] exponent)
        : base(group)
    {
        this.group = group;
        this.exponent = exponent;
        publicValue = new byte[group.PublicValueSize];
        group.PowerOfGenerator(exponent, publicValue);
    }

    public override ReadOnlySpan<byte> PublicValue => publicValue;

    protected override bool TryComputeSharedSecretCore(ReadOnlySpan<byte> peerPublicValue, Span<byte> sharedSecret, out KeyExchangeError failure)
    {
        failure = group.ValidatePublicValue(peerPublicValue);
        if (failure != KeyExchangeError.None)
        {
            return false;
        }

        group.Power(peerPublicValue, exponent, sharedSecret);
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        CryptographicOperations.ZeroMemory(exponent);
    }
}
