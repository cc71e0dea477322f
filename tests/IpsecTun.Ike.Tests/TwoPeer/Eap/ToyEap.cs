using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace IpsecTun.Ike.Tests.TwoPeer.Eap;

/// <summary>
/// A tiny EAP method for the IKE tests, so that they exercise IKE_AUTH and not a real method: the server asks for
/// the identity, then sends a challenge (type 254) that the peer answers with HMAC-SHA256(password, challenge);
/// the MSK, if the method is to derive one, is HMAC-SHA512(password, challenge) on both sides.
/// </summary>
internal static class ToyEap
{
    public const byte Request = 1;
    public const byte Response = 2;
    public const byte Success = 3;
    public const byte Failure = 4;
    public const byte IdentityType = 1;
    public const byte ChallengeType = 254;

    public static readonly byte[] Challenge = [.. Enumerable.Range(1, 16).Select(i => (byte)i)];

    public static byte[] Packet(byte code, byte identifier, byte? type = null, ReadOnlySpan<byte> data = default)
    {
        byte[] packet = new byte[4 + (type is null ? 0 : 1 + data.Length)];
        packet[0] = code;
        packet[1] = identifier;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        if (type is { } t)
        {
            packet[4] = t;
            data.CopyTo(packet.AsSpan(5));
        }

        return packet;
    }

    public static byte[] Proof(string password) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(password), Challenge);

    public static byte[] Msk(string password) => HMACSHA512.HashData(Encoding.UTF8.GetBytes(password), Challenge);
}
