using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Methods.Md5;

/// <summary>
/// EAP-MD5-Challenge as peer. It cannot authenticate the server and exports no keys, so it is done as soon
/// as it has answered a challenge.
/// </summary>
internal sealed class Md5PeerMethod(EapCredentials credentials) : EapPeerMethod
{
    public override EapType Type => EapType.Md5Challenge;

    public override EapMethodStep Respond(byte identifier, ReadOnlySpan<byte> requestData)
    {
        if (!Md5ChallengeResponse.TryReadValue(requestData, out var challenge))
        {
            return EapMethodStep.Discard("malformed MD5-Challenge request");
        }

        return EapMethodStep.Done(Md5ChallengeResponse.Encode(Md5ChallengeResponse.Compute(identifier, credentials, challenge)), null);
    }
}
