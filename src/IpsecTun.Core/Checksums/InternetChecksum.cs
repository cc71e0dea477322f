using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace IpsecTun.Core;

/// <summary>
/// The Internet checksum (RFC 1071): the one's complement of the one's complement sum of 16-bit words.
/// Sums are kept unfolded in a <see cref="ulong"/> so that parts (a pseudo-header, then the data) can be
/// added before one final fold. The sum is taken over native-order words, which RFC 1071 §2(B) shows gives
/// the byte-swapped result on a little-endian machine; <see cref="Fold"/> swaps it back.
/// </summary>
public static class InternetChecksum
{
    /// <summary>Adds <paramref name="data"/> to a running sum; only the last part may have an odd length.</summary>
    public static ulong Add(ulong sum, ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<uint> words = MemoryMarshal.Cast<byte, uint>(data);
        ulong s = sum;
        foreach (uint w in words)
        {
            s += w;
        }

        int rest = data.Length & 3;
        if (rest != 0)
        {
            Span<byte> last = stackalloc byte[4];
            last.Clear();
            data[^rest..].CopyTo(last);
            s += MemoryMarshal.Read<uint>(last);
        }

        return s;
    }

    /// <summary>Adds one 16-bit value given in host order (a length or protocol in a pseudo-header).</summary>
    public static ulong AddWord(ulong sum, ushort value) =>
        sum + (BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(value) : value);

    /// <summary>Folds a running sum to 16 bits, in network byte order as a host value.</summary>
    public static ushort Fold(ulong sum)
    {
        sum = (sum >> 32) + (sum & 0xFFFF_FFFF);
        sum = (sum >> 32) + (sum & 0xFFFF_FFFF);
        sum = (sum >> 16) + (sum & 0xFFFF);
        sum = (sum >> 16) + (sum & 0xFFFF);
        ushort folded = (ushort)sum;
        return BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(folded) : folded;
    }

    /// <summary>The checksum to store in a header: the complement of the folded sum.</summary>
    public static ushort Finish(ulong sum) => (ushort)~Fold(sum);

    public static ushort Compute(ReadOnlySpan<byte> data) => Finish(Add(0, data));

    /// <summary>True when data that includes its checksum field sums to all ones.</summary>
    public static bool IsValid(ReadOnlySpan<byte> data) => Fold(Add(0, data)) == 0xFFFF;

    /// <summary>The TCP/UDP pseudo-header sum (RFC 768, RFC 8200 §8.1) for addresses of either family.</summary>
    public static ulong PseudoHeader(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, byte protocol, int length)
    {
        ulong sum = Add(Add(0, source), destination);
        sum = AddWord(sum, protocol);
        sum = AddWord(sum, (ushort)(length >> 16));
        return AddWord(sum, (ushort)length);
    }
}
