using System.Security.Cryptography;
using IpsecTun.Crypto;
using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Methods.MsChapV2;

/// <summary>
/// EAP-MSCHAPv2 as server: sends a random challenge, checks the NT-Response in constant time, proves itself with
/// the authenticator response and, once the peer acknowledges, exports the MSK. A wrong response gets a
/// Failure Request with E=691 R=0 (no retry), and the method fails when the peer acknowledges it.
/// </summary>
internal sealed class MsChapV2ServerMethod(EapCredentials credentials, RandomSource random) : EapServerMethod
{
    private static readonly byte[] ServerName = "ipsectun"u8.ToArray();

    private readonly byte[] _challenge = new byte[MsChapV2Crypto.ChallengeLength];
    private byte _msChapId;
    private State _state;
    private byte[]? _msk;

    private enum State
    {
        NotStarted,
        AwaitingResponse,
        AwaitingSuccessAck,
        AwaitingFailureAck,
    }

    public override EapType Type => EapType.MsChapV2;

    public override byte[] Start(byte identifier)
    {
        random.Fill(_challenge);
        _msChapId = identifier;
        _state = State.AwaitingResponse;
        return MsChapV2Framing.Encode(MsChapV2OpCode.Challenge, _msChapId, [MsChapV2Crypto.ChallengeLength, .. _challenge, .. ServerName]);
    }

    public override EapMethodStep Process(ReadOnlySpan<byte> responseData, byte nextIdentifier)
    {
        var opCode = responseData.IsEmpty ? 0 : (MsChapV2OpCode)responseData[0];
        return (_state, opCode) switch
        {
            (State.AwaitingResponse, MsChapV2OpCode.Response) => OnResponse(responseData),
            (State.AwaitingSuccessAck, MsChapV2OpCode.Success) => TakeKeys(),
            (State.AwaitingFailureAck, MsChapV2OpCode.Failure) => EapMethodStep.Fail("MS-CHAPv2 NT-Response does not match the password"),
            _ => EapMethodStep.Discard("unexpected EAP-MSCHAPv2 response"),
        };
    }

    private EapMethodStep OnResponse(ReadOnlySpan<byte> responseData)
    {
        if (!MsChapV2Framing.TryReadHeader(responseData, out _, out byte msChapId, out var payload)
            || msChapId != _msChapId
            || !MsChapV2Framing.TryReadValue(payload, MsChapV2Framing.ResponseValueLength, out var value, out var name))
        {
            return EapMethodStep.Discard("malformed EAP-MSCHAPv2 response");
        }

        var peerChallenge = value[..MsChapV2Crypto.ChallengeLength];
        var ntResponse = value.Slice(24, MsChapV2Crypto.NtResponseLength);
        byte[] userName = MsChapV2Crypto.ChallengeUserName(name);
        byte[] passwordHash = MsChapV2Crypto.NtPasswordHash(credentials.Password);
        try
        {
            byte[] expected = MsChapV2Crypto.GenerateNtResponse(_challenge, peerChallenge, userName, passwordHash);
            if (!CryptographicOperations.FixedTimeEquals(expected, ntResponse))
            {
                _state = State.AwaitingFailureAck;
                byte[] nextChallenge = new byte[MsChapV2Crypto.ChallengeLength];
                random.Fill(nextChallenge);
                return EapMethodStep.Continue(MsChapV2Framing.EncodeMessage(
                    MsChapV2OpCode.Failure, _msChapId, $"E=691 R=0 C={Convert.ToHexString(nextChallenge)} V=3 M=Authentication failed"));
            }

            byte[] authenticatorResponse = MsChapV2Crypto.GenerateAuthenticatorResponse(passwordHash, ntResponse, peerChallenge, _challenge, userName);
            _msk = MsChapV2Crypto.Msk(passwordHash, ntResponse);
            _state = State.AwaitingSuccessAck;
            return EapMethodStep.Continue(MsChapV2Framing.EncodeMessage(
                MsChapV2OpCode.Success, _msChapId, $"S={Convert.ToHexString(authenticatorResponse)} M=Welcome"));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passwordHash);
        }
    }

    private EapMethodStep TakeKeys()
    {
        byte[] msk = _msk!;
        _msk = null;
        return EapMethodStep.Done(null, new EapKeys(msk, []));
    }

    protected override void Dispose(bool disposing)
    {
        CryptographicOperations.ZeroMemory(_msk);
        base.Dispose(disposing);
    }
}
