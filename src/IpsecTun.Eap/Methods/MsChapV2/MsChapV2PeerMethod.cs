using System.Security.Cryptography;
using System.Text;
using IpsecTun.Crypto;
using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Methods.MsChapV2;

/// <summary>
/// EAP-MSCHAPv2 as peer: answers the Challenge, then accepts the Success Request only if its authenticator
/// response proves the server knows the password too, and exports the MSK. A Failure Request is acknowledged
/// and ends the method (retries and password change are not offered).
/// </summary>
internal sealed class MsChapV2PeerMethod(EapCredentials credentials, RandomSource random) : EapPeerMethod
{
    private const int AuthenticatorMessageLength = 2 + (2 * MsChapV2Crypto.AuthenticatorResponseLength);

    private byte[]? _expectedAuthenticatorResponse;
    private byte[]? _msk;

    public override EapType Type => EapType.MsChapV2;

    public override EapMethodStep Respond(byte identifier, ReadOnlySpan<byte> requestData)
    {
        if (!MsChapV2Framing.TryReadHeader(requestData, out var opCode, out byte msChapId, out var payload))
        {
            return EapMethodStep.Discard("malformed EAP-MSCHAPv2 request");
        }

        return opCode switch
        {
            MsChapV2OpCode.Challenge when _msk is null => OnChallenge(msChapId, payload),
            MsChapV2OpCode.Success when _msk is not null => OnSuccess(payload),
            MsChapV2OpCode.Failure => OnFailure(payload),
            _ => EapMethodStep.Discard($"unexpected EAP-MSCHAPv2 {opCode} request"),
        };
    }

    private EapMethodStep OnChallenge(byte msChapId, ReadOnlySpan<byte> payload)
    {
        if (!MsChapV2Framing.TryReadValue(payload, MsChapV2Crypto.ChallengeLength, out var authenticatorChallenge, out _))
        {
            return EapMethodStep.Discard("malformed EAP-MSCHAPv2 challenge");
        }

        byte[] name = Encoding.UTF8.GetBytes(credentials.Identity);
        byte[] userName = MsChapV2Crypto.ChallengeUserName(name);
        byte[] peerChallenge = new byte[MsChapV2Crypto.ChallengeLength];
        random.Fill(peerChallenge);
        byte[] passwordHash = MsChapV2Crypto.NtPasswordHash(credentials.Password);
        byte[] ntResponse = MsChapV2Crypto.GenerateNtResponse(authenticatorChallenge, peerChallenge, userName, passwordHash);
        _expectedAuthenticatorResponse = MsChapV2Crypto.GenerateAuthenticatorResponse(
            passwordHash, ntResponse, peerChallenge, authenticatorChallenge, userName);
        _msk = MsChapV2Crypto.Msk(passwordHash, ntResponse);
        CryptographicOperations.ZeroMemory(passwordHash);

        // Value: Peer-Challenge | 8 reserved zero bytes | NT-Response | Flags (0).
        byte[] value = [MsChapV2Framing.ResponseValueLength, .. peerChallenge, .. new byte[8], .. ntResponse, 0, .. name];
        return EapMethodStep.Continue(MsChapV2Framing.Encode(MsChapV2OpCode.Response, msChapId, value));
    }

    private EapMethodStep OnSuccess(ReadOnlySpan<byte> message)
    {
        // "S=<40 upper-case hex digits>", optionally followed by " M=<text>".
        bool wellFormed = message.Length >= AuthenticatorMessageLength
            && message.StartsWith("S="u8)
            && (message.Length == AuthenticatorMessageLength || message[AuthenticatorMessageLength] == (byte)' ');
        Span<byte> received = stackalloc byte[MsChapV2Crypto.AuthenticatorResponseLength];
        if (!wellFormed
            || Convert.FromHexString(Encoding.ASCII.GetString(message[2..AuthenticatorMessageLength]), received, out _, out int written) != System.Buffers.OperationStatus.Done
            || written != received.Length
            || !CryptographicOperations.FixedTimeEquals(received, _expectedAuthenticatorResponse))
        {
            return EapMethodStep.Fail("the server's MS-CHAPv2 authenticator response is wrong: it does not know the password");
        }

        byte[] msk = _msk!;
        _msk = [];
        return EapMethodStep.Done([(byte)MsChapV2OpCode.Success], new EapKeys(msk, []));
    }

    private static EapMethodStep OnFailure(ReadOnlySpan<byte> message) =>
        EapMethodStep.Fail($"the server rejected the credentials ({ErrorCode(message)})", [(byte)MsChapV2OpCode.Failure]);

    /// <summary>The "E=nnn" field of a Failure message (RFC 2759 §6), or a placeholder if there is none.</summary>
    private static string ErrorCode(ReadOnlySpan<byte> message)
    {
        if (!message.StartsWith("E="u8))
        {
            return "no error code";
        }

        int end = 2;
        while (end < message.Length && end < 12 && char.IsAsciiDigit((char)message[end]))
        {
            end++;
        }

        return end > 2 ? Encoding.ASCII.GetString(message[..end]) : "no error code";
    }

    protected override void Dispose(bool disposing)
    {
        CryptographicOperations.ZeroMemory(_msk);
        CryptographicOperations.ZeroMemory(_expectedAuthenticatorResponse);
        base.Dispose(disposing);
    }
}
