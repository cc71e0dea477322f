namespace IpsecTun.Crypto;

/// <summary>Camellia's round function F and its S-boxes (RFC 3713 §2.4).</summary>
internal sealed partial class CamelliaBlockCipher
{
    // SBOX1 from RFC 3713 §2.4.1. The other three are derived from it: SBOX2[x] = SBOX1[x] <<< 1,
    // SBOX3[x] = SBOX1[x] <<< 7, SBOX4[x] = SBOX1[x <<< 1].
    private static ReadOnlySpan<byte> Sbox1 =>
    [
        112, 130, 44, 236, 179, 39, 192, 229, 228, 133, 87, 53, 234, 12, 174, 65,
        35, 239, 107, 147, 69, 25, 165, 33, 237, 14, 79, 78, 29, 101, 146, 189,
        134, 184, 175, 143, 124, 235, 31, 206, 62, 48, 220, 95, 94, 197, 11, 26,
        166, 225, 57, 202, 213, 71, 93, 61, 217, 1, 90, 214, 81, 86, 108, 77,
        139, 13, 154, 102, 251, 204, 176, 45, 116, 18, 43, 32, 240, 177, 132, 153,
        223, 76, 203, 194, 52, 126, 118, 5, 109, 183, 169, 49, 209, 23, 4, 215,
        20, 88, 58, 97, 222, 27, 17, 28, 50, 15, 156, 22, 83, 24, 242, 34,
        254, 68, 207, 178, 195, 181, 122, 145, 36, 8, 232, 168, 96, 252, 105, 80,
        170, 208, 160, 125, 161, 137, 98, 151, 84, 91, 30, 149, 224, 255, 100, 210,
        16, 196, 0, 72, 163, 247, 117, 219, 138, 3, 230, 218, 9, 63, 221, 148,
        135, 92, 131, 2, 205, 74, 144, 51, 115, 103, 246, 243, 157, 127, 191, 226,
        82, 155, 216, 38, 200, 55, 198, 59, 129, 150, 111, 75, 19, 190, 99, 46,
        233, 121, 167, 140, 159, 110, 188, 142, 41, 245, 249, 182, 47, 253, 180, 89,
        120, 152, 6, 106, 231, 70, 113, 186, 212, 37, 171, 66, 136, 162, 141, 250,
        114, 7, 185, 85, 248, 238, 172, 10, 54, 73, 42, 104, 60, 56, 241, 164,
        64, 40, 211, 123, 187, 201, 67, 193, 21, 227, 173, 244, 119, 199, 128, 158,
    ];

    private static readonly byte[] Sbox2 = Derive(x => RotateByte(Sbox1[x], 1));
    private static readonly byte[] Sbox3 = Derive(x => RotateByte(Sbox1[x], 7));
    private static readonly byte[] Sbox4 = Derive(x => Sbox1[RotateByte((byte)x, 1)]);

    /// <summary>F: the S-box layer, then the P-function's byte mixing.</summary>
    private static ulong F(ulong input, ulong key)
    {
        ulong x = input ^ key;
        int t1 = Sbox1[(int)(x >> 56)];
        int t2 = Sbox2[(int)(x >> 48) & 0xFF];
        int t3 = Sbox3[(int)(x >> 40) & 0xFF];
        int t4 = Sbox4[(int)(x >> 32) & 0xFF];
        int t5 = Sbox2[(int)(x >> 24) & 0xFF];
        int t6 = Sbox3[(int)(x >> 16) & 0xFF];
        int t7 = Sbox4[(int)(x >> 8) & 0xFF];
        int t8 = Sbox1[(int)x & 0xFF];
        ulong y1 = (ulong)(t1 ^ t3 ^ t4 ^ t6 ^ t7 ^ t8);
        ulong y2 = (ulong)(t1 ^ t2 ^ t4 ^ t5 ^ t7 ^ t8);
        ulong y3 = (ulong)(t1 ^ t2 ^ t3 ^ t5 ^ t6 ^ t8);
        ulong y4 = (ulong)(t2 ^ t3 ^ t4 ^ t5 ^ t6 ^ t7);
        ulong y5 = (ulong)(t1 ^ t2 ^ t6 ^ t7 ^ t8);
        ulong y6 = (ulong)(t2 ^ t3 ^ t5 ^ t7 ^ t8);
        ulong y7 = (ulong)(t3 ^ t4 ^ t5 ^ t6 ^ t8);
        ulong y8 = (ulong)(t1 ^ t4 ^ t5 ^ t6 ^ t7);
        return (y1 << 56) | (y2 << 48) | (y3 << 40) | (y4 << 32) | (y5 << 24) | (y6 << 16) | (y7 << 8) | y8;
    }

    private static byte RotateByte(byte value, int count) => (byte)((value << count) | (value >> (8 - count)));

    private static byte[] Derive(Func<int, byte> entry)
    {
        byte[] table = new byte[256];
        for (int x = 0; x < table.Length; x++)
        {
            table[x] = entry(x);
        }

        return table;
    }
}
