using System.Security.Cryptography;

namespace IpsecTun.Crypto;

/// <summary>One side of an ECDH exchange over a prime curve, held as a platform <see cref="ECDiffieHellman"/> key.</summary>
internal sealed class EcpKeyExchange : KeyExchange
{
    private readonly EcpGroup group;
    private readonly ECDiffieHellman key;
    private readonly byte[] publicValue;

    // scalar is the private scalar, big-endian, FieldSize bytes; the caller clears it.
    public EcpKeyExchange(EcpGroup group, byte[] scalar)
        : base(group)
    {
        this.group = group;

        // The platform derives Q from D on import.
        key = ECDiffieHellman.Create(new ECParameters { Curve = group.Curve, D = scalar });
        var q = key.ExportParameters(includePrivateParameters: false).Q;
        publicValue = [.. q.X!, .. q.Y!];
    }

    public override ReadOnlySpan<byte> PublicValue => publicValue;

    protected override bool TryComputeSharedSecretCore(ReadOnlySpan<byte> peerPublicValue, Span<byte> sharedSecret, out KeyExchangeError failure)
    {
        failure = group.ValidatePublicValue(peerPublicValue);
        if (failure != KeyExchangeError.None)
        {
            return false;
        }

        var peerPoint = new ECPoint { X = peerPublicValue[..group.FieldSize].ToArray(), Y = peerPublicValue[group.FieldSize..].ToArray() };
        using var peer = ECDiffieHellman.Create(new ECParameters { Curve = group.Curve, Q = peerPoint });
        using var peerKey = peer.PublicKey;
        var x = key.DeriveRawSecretAgreement(peerKey);
        try
        {
            x.CopyTo(sharedSecret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(x);
        }

        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            key.Dispose();
        }
    }
}
