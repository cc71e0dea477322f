using System.Security.Cryptography;

namespace IpsecTun.Eap.Methods.Md5;

/// <summary>
/// The CHAP computation MD5-Challenge uses (RFC 3748 §5.4, RFC 1994 §4.1):
/// MD5(Identifier | secret | Challenge), where the identifier is that of the EAP Request.
/// Type data of both Request and Response is Value-Size | Value | Name.
/// </summary>
internal static class Md5ChallengeResponse
{
    public const int ValueLength = 16;

    public static byte[] Compute(byte identifier, EapCredentials credentials, ReadOnlySpan<byte> challenge)
    {
        byte[] secret = credentials.PasswordUtf8();
        byte[] input = new byte[1 + secret.Length + challenge.Length];
        try
        {
            input[0] = identifier;
            secret.CopyTo(input, 1);
            challenge.CopyTo(input.AsSpan(1 + secret.Length));
#pragma warning disable CA5351 // The method is defined over MD5; its weakness is why it derives no keys.
            return MD5.HashData(input);
#pragma warning restore CA5351
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
            CryptographicOperations.ZeroMemory(input);
        }
    }

    /// <summary>Reads the Value of Value-Size | Value | Name; false if the size is zero or overruns the data.</summary>
    public static bool TryReadValue(ReadOnlySpan<byte> typeData, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (typeData.IsEmpty || typeData[0] == 0 || typeData[0] > typeData.Length - 1)
        {
            return false;
        }

        value = typeData.Slice(1, typeData[0]);
        return true;
    }

    public static byte[] Encode(ReadOnlySpan<byte> value)
    {
        byte[] data = new byte[1 + value.Length];
        data[0] = (byte)value.Length;
        value.CopyTo(data.AsSpan(1));
        return data;
    }
}
