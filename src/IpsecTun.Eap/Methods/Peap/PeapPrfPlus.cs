using System.Security.Cryptography;

namespace IpsecTun.Eap.Methods.Peap;

/// <summary>
/// PEAPv0's PRF+ (MS-PEAP §3.1.5.5.2.2): T1 = HMAC-SHA1(K, S | 0x01 | 0x00 | 0x00), Tn = HMAC-SHA1(K, Tn-1 | S | n |
/// 0x00 | 0x00), output T1 | T2 | ... cut to the length asked for. Unlike IKEv2's prf+ the counter is followed by
/// two zero bytes.
/// </summary>
internal static class PeapPrfPlus
{
    private const int BlockLength = 20;

    public static byte[] Derive(ReadOnlySpan<byte> key, ReadOnlySpan<byte> seed, int length)
    {
        byte[] output = new byte[length];
        Span<byte> block = stackalloc byte[BlockLength];
        Span<byte> trailer = stackalloc byte[3];
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, key);
        for (int offset = 0, counter = 1; offset < length; offset += BlockLength, counter++)
        {
            if (counter > 1)
            {
                hmac.AppendData(block);
            }

            trailer[0] = (byte)counter;
            hmac.AppendData(seed);
            hmac.AppendData(trailer);
            hmac.GetHashAndReset(block);
            block[..Math.Min(BlockLength, length - offset)].CopyTo(output.AsSpan(offset));
        }

        CryptographicOperations.ZeroMemory(block);
        return output;
    }
}
