using System.Security.Cryptography;
using IpsecTun.Crypto;

namespace IpsecTun.Ike.Tests.Fixtures;

/// <summary>
/// The key exchange of strongSwan's responder in a capture: its public value as it sent it, and g^ir as charon
/// logged it, given only for the initiator public value of the same capture. Charon never logs its private
/// value, so g^ir stands in for the arithmetic, which the Crypto tests cover with published vectors.
/// </summary>
internal sealed class RecordedKeyExchange(KeyExchangeGroup group, byte[] publicValue, byte[] initiatorPublicValue, byte[] recordedSecret)
    : KeyExchange(group)
{
    public override ReadOnlySpan<byte> PublicValue => publicValue;

    protected override bool TryComputeSharedSecretCore(ReadOnlySpan<byte> peerPublicValue, Span<byte> sharedSecret, out KeyExchangeError failure)
    {
        if (!peerPublicValue.SequenceEqual(initiatorPublicValue))
        {
            failure = KeyExchangeError.InvalidPublicValue;
            return false;
        }

        recordedSecret.CopyTo(sharedSecret);
        failure = KeyExchangeError.None;
        return true;
    }

    protected override void Dispose(bool disposing) => CryptographicOperations.ZeroMemory(recordedSecret);
}
