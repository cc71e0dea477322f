using System.Security.Cryptography;

namespace IpsecTun.Crypto;

/// <summary>One side of an X25519 or X448 exchange.</summary>
internal sealed class XdhKeyExchange : KeyExchange
{
    private readonly XdhGroup group;
    private readonly byte[] privateKey;
    private readonly byte[] publicValue;

    // privateKey is taken over by this instance, which clears it on dispose.
    public XdhKeyExchange(XdhGroup group, byte[] privateKey)
        : base(group)
    {
        this.group = group;
        this.privateKey = privateKey;
        publicValue = new byte[group.PublicValueSize];
        group.MultiplyBase(privateKey, publicValue);
    }

    public override ReadOnlySpan<byte> PublicValue => publicValue;

    protected override bool TryComputeSharedSecretCore(ReadOnlySpan<byte> peerPublicValue, Span<byte> sharedSecret, out KeyExchangeError failure)
    {
        if (peerPublicValue.Length != Group.PublicValueSize)
        {
            failure = KeyExchangeError.InvalidLength;
            return false;
        }

        // RFC 8031 §2.3: a low-order peer value gives an all-zero secret, which must be refused.
        if (!group.Agree(privateKey, peerPublicValue, sharedSecret))
        {
            failure = KeyExchangeError.DegenerateSharedSecret;
            return false;
        }

        failure = KeyExchangeError.None;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        CryptographicOperations.ZeroMemory(privateKey);
    }
}
