using System.Buffers.Binary;

namespace IpsecTun.Core.Tests.Packets;

/// <summary>RFC 1071 written the plain way (big-endian words, one at a time), to check the code under test independently.</summary>
internal static class ReferenceChecksum
{
    public static uint Sum(params byte[][] parts)
    {
        uint sum = 0;
        foreach (byte[] part in parts)
        {
            for (int i = 0; i < part.Length; i += 2)
            {
                sum += i + 1 < part.Length ? BinaryPrimitives.ReadUInt16BigEndian(part.AsSpan(i)) : (uint)(part[i] << 8);
            }
        }

        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return sum;
    }

    /// <summary>True when data including its checksum sums to all ones.</summary>
    public static bool Verifies(params byte[][] parts) => Sum(parts) == 0xFFFF;

    public static byte[] Pseudo(byte[] source, byte[] destination, byte protocol, int length)
    {
        var header = new byte[source.Length + destination.Length + 8];
        source.CopyTo(header, 0);
        destination.CopyTo(header, source.Length);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(header.Length - 8), (uint)length);
        header[^1] = protocol;
        return header;
    }
}
