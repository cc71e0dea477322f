using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Methods.Gtc;

/// <summary>
/// EAP-GTC as peer (RFC 3748 §5.6): whatever the prompt, the answer is the password in UTF-8, as strongSwan
/// and FreeRADIUS expect it. The prompt is displayable text only and is ignored.
/// </summary>
internal sealed class GtcPeerMethod(EapCredentials credentials) : EapPeerMethod
{
    public override EapType Type => EapType.Gtc;

    public override EapMethodStep Respond(byte identifier, ReadOnlySpan<byte> requestData) =>
        EapMethodStep.Done(credentials.PasswordUtf8(), null);
}
