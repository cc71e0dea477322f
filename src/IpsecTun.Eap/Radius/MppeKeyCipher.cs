using System.Buffers.Binary;
using System.Security.Cryptography;

#pragma warning disable CA5351 // RFC 2548 defines the key hiding over MD5.

namespace IpsecTun.Eap.Radius;

/// <summary>
/// Reads MS-MPPE-Send-Key and MS-MPPE-Recv-Key (RFC 2548 §2.4.2-3): Microsoft (311) vendor-specific
/// attributes whose value is a 2-byte Salt (high bit set) and a String hidden with
/// b(1) = MD5(secret | Request Authenticator | Salt), b(i) = MD5(secret | c(i-1)), c(i) = p(i) xor b(i).
/// The plaintext is Key-Length | Key | padding.
/// </summary>
internal static class MppeKeyCipher
{
    public const uint MicrosoftVendorId = 311;
    public const byte MppeSendKey = 16;
    public const byte MppeRecvKey = 17;
    private const int BlockLength = 16;
    private const int SaltLength = 2;

    /// <summary>
    /// Finds the one Microsoft sub-attribute of <paramref name="vendorType"/> in the packet's Vendor-Specific
    /// attributes; false if it is missing, repeated or any Microsoft attribute is malformed.
    /// </summary>
    public static bool TryFind(RadiusPacket packet, byte vendorType, out ReadOnlySpan<byte> value)
    {
        value = default;
        bool found = false;
        foreach (var attribute in packet.Attributes)
        {
            var data = attribute.Value;
            if (attribute.Type != RadiusAttributeType.VendorSpecific || data.Length < 4
                || BinaryPrimitives.ReadUInt32BigEndian(data) != MicrosoftVendorId)
            {
                continue;
            }

            for (var rest = data[4..]; !rest.IsEmpty; rest = rest[rest[1]..])
            {
                if (rest.Length < 2 || rest[1] < 2 || rest[1] > rest.Length)
                {
                    return false;
                }

                if (rest[0] == vendorType)
                {
                    if (found)
                    {
                        return false;
                    }

                    found = true;
                    value = rest[2..rest[1]];
                }
            }
        }

        return found;
    }

    public static bool TryDecrypt(ReadOnlySpan<byte> value, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> requestAuthenticator, out byte[]? key)
    {
        key = null;
        var cipherText = value.Length > SaltLength ? value[SaltLength..] : default;
        if (cipherText.IsEmpty || cipherText.Length % BlockLength != 0 || (value[0] & 0x80) == 0)
        {
            return false;
        }

        byte[] plain = new byte[cipherText.Length];
        Span<byte> block = stackalloc byte[BlockLength];
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        for (int i = 0; i < cipherText.Length; i += BlockLength)
        {
            md5.AppendData(secret);
            md5.AppendData(i == 0 ? requestAuthenticator : cipherText.Slice(i - BlockLength, BlockLength));
            if (i == 0)
            {
                md5.AppendData(value[..SaltLength]);
            }

            md5.GetHashAndReset(block);
            for (int j = 0; j < BlockLength; j++)
            {
                plain[i + j] = (byte)(cipherText[i + j] ^ block[j]);
            }
        }

        CryptographicOperations.ZeroMemory(block);
        if (plain[0] is > 0 && plain[0] < plain.Length)
        {
            key = plain[1..(1 + plain[0])];
        }

        CryptographicOperations.ZeroMemory(plain);
        return key is not null;
    }
}
