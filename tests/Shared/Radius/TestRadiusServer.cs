using System.Buffers.Binary;
using System.Security.Cryptography;
using IpsecTun.Eap.Radius;

#pragma warning disable CA5351 // RADIUS is defined over MD5.

namespace IpsecTun.Tests.Shared.Radius;

/// <summary>Signs responses and hides MPPE keys the way a RADIUS server does, written from the RFC text for the tests.</summary>
internal static class TestRadiusServer
{
    /// <summary>
    /// Encodes a response; a Message-Authenticator attribute in <paramref name="attributes"/> is filled in when
    /// <paramref name="signMessage"/> is set (otherwise left as given), then the Response Authenticator is set.
    /// </summary>
    public static byte[] Respond(
        RadiusCode code, byte identifier, byte[] requestAuthenticator, byte[] secret, IReadOnlyList<RadiusAttribute> attributes, bool signMessage = true)
    {
        byte[] packet = new RadiusPacket(code, identifier, requestAuthenticator, attributes).ToArray();
        if (signMessage)
        {
            int offset = RadiusPacket.HeaderLength;
            foreach (var attribute in attributes)
            {
                if (attribute.Type == RadiusAttributeType.MessageAuthenticator)
                {
                    packet.AsSpan(offset + 2, 16).Clear();
                    HMACMD5.HashData(secret, packet).CopyTo(packet, offset + 2);
                }

                offset += attribute.Length;
            }
        }

        MD5.HashData([.. packet, .. secret]).CopyTo(packet, 4);
        return packet;
    }

    /// <summary>An MS-MPPE key attribute (RFC 2548 §2.4.2): Vendor-Id 311, the sub-attribute, Salt and hidden String.</summary>
    public static RadiusAttribute MppeKey(byte vendorType, byte[] key, byte[] secret, byte[] requestAuthenticator, ushort salt = 0x8123)
    {
        int plainLength = ((key.Length + 1 + 15) / 16) * 16;
        byte[] plain = new byte[plainLength];
        plain[0] = (byte)key.Length;
        key.CopyTo(plain, 1);
        byte[] saltBytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(saltBytes, salt);
        byte[] cipher = new byte[plainLength];
        byte[] previous = [.. requestAuthenticator, .. saltBytes];
        for (int i = 0; i < plainLength; i += 16)
        {
            byte[] b = MD5.HashData([.. secret, .. previous]);
            for (int j = 0; j < 16; j++)
            {
                cipher[i + j] = (byte)(plain[i + j] ^ b[j]);
            }

            previous = cipher[i..(i + 16)];
        }

        byte[] vendorValue = [.. saltBytes, .. cipher];
        return new RadiusAttribute(
            RadiusAttributeType.VendorSpecific, [0, 0, 1, 0x37, vendorType, (byte)(vendorValue.Length + 2), .. vendorValue]);
    }
}
