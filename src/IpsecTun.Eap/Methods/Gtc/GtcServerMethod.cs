using System.Security.Cryptography;
using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Methods.Gtc;

/// <summary>EAP-GTC as server: prompts for the password and compares the answer in constant time.</summary>
internal sealed class GtcServerMethod(EapCredentials credentials) : EapServerMethod
{
    private bool _started;

    public override EapType Type => EapType.Gtc;

    public override byte[] Start(byte identifier)
    {
        _started = true;
        return "Password"u8.ToArray();
    }

    public override EapMethodStep Process(ReadOnlySpan<byte> responseData, byte nextIdentifier)
    {
        if (!_started)
        {
            return EapMethodStep.Discard("GTC response before the prompt");
        }

        byte[] password = credentials.PasswordUtf8();
        try
        {
            return CryptographicOperations.FixedTimeEquals(responseData, password)
                ? EapMethodStep.Done(null, null)
                : EapMethodStep.Fail("GTC response does not match the password");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(password);
        }
    }
}
