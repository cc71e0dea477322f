using System.Security.Cryptography;

#pragma warning disable CA5351 // RADIUS defines both authenticators over MD5; nothing here is a choice.

namespace IpsecTun.Eap.Radius;

/// <summary>
/// The two RADIUS integrity checks, each computed over a packet whose Authenticator field holds the Request
/// Authenticator: the Response Authenticator MD5(packet | secret) of RFC 2865 §3, and the
/// Message-Authenticator HMAC-MD5(secret, packet with that attribute's value zeroed) of RFC 3579 §3.2.
/// </summary>
internal static class RadiusAuthenticators
{
    public const int MessageAuthenticatorLength = 16;

    public static byte[] ResponseAuthenticator(ReadOnlySpan<byte> packetWithRequestAuthenticator, ReadOnlySpan<byte> secret)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        md5.AppendData(packetWithRequestAuthenticator);
        md5.AppendData(secret);
        return md5.GetHashAndReset();
    }

    /// <summary>HMAC-MD5 over <paramref name="packet"/>, whose Message-Authenticator value must already be zero.</summary>
    public static byte[] MessageAuthenticator(ReadOnlySpan<byte> packet, ReadOnlySpan<byte> secret) => HMACMD5.HashData(secret, packet);

    /// <summary>
    /// Finds the offset of every attribute of <paramref name="type"/> in an encoded packet whose attributes
    /// <see cref="RadiusPacket.TryParse"/> has already validated.
    /// </summary>
    public static List<int> ValueOffsets(ReadOnlySpan<byte> packet, RadiusAttributeType type)
    {
        var offsets = new List<int>();
        for (int offset = RadiusPacket.HeaderLength; offset < packet.Length; offset += packet[offset + 1])
        {
            if (packet[offset] == (byte)type)
            {
                offsets.Add(offset + RadiusAttribute.HeaderLength);
            }
        }

        return offsets;
    }
}
