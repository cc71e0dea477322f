namespace IpsecTun.Crypto.Tests;

/// <summary>The byte patterns test vectors are written in.</summary>
internal static class TestBytes
{
    /// <summary><paramref name="count"/> copies of <paramref name="value"/>.</summary>
    public static byte[] Fill(byte value, int count) => Enumerable.Repeat(value, count).ToArray();

    /// <summary>00 01 02 … (<paramref name="count"/> - 1).</summary>
    public static byte[] Counting(int count) => Enumerable.Range(0, count).Select(i => (byte)i).ToArray();
}
