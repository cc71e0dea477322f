using System.Security.Cryptography;
using IpsecTun.Crypto;
using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Methods.Md5;

/// <summary>EAP-MD5-Challenge as server: one random 16-byte challenge, one response checked in constant time.</summary>
internal sealed class Md5ServerMethod(EapCredentials credentials, RandomSource random) : EapServerMethod
{
    private byte[]? _expected;

    public override EapType Type => EapType.Md5Challenge;

    public override byte[] Start(byte identifier)
    {
        byte[] challenge = new byte[Md5ChallengeResponse.ValueLength];
        random.Fill(challenge);
        _expected = Md5ChallengeResponse.Compute(identifier, credentials, challenge);
        return Md5ChallengeResponse.Encode(challenge);
    }

    public override EapMethodStep Process(ReadOnlySpan<byte> responseData, byte nextIdentifier)
    {
        if (_expected is null)
        {
            return EapMethodStep.Discard("MD5-Challenge response before the challenge");
        }

        if (!Md5ChallengeResponse.TryReadValue(responseData, out var value) || value.Length != Md5ChallengeResponse.ValueLength)
        {
            return EapMethodStep.Discard("malformed MD5-Challenge response");
        }

        return CryptographicOperations.FixedTimeEquals(value, _expected)
            ? EapMethodStep.Done(null, null)
            : EapMethodStep.Fail("MD5-Challenge response does not match the password");
    }

    protected override void Dispose(bool disposing)
    {
        CryptographicOperations.ZeroMemory(_expected);
        base.Dispose(disposing);
    }
}
