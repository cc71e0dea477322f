using System.Buffers.Binary;

namespace IpsecTun.Ike.Messages;

/// <summary>
/// The first four octets proposals and transforms share (RFC 7296 §3.3.1, §3.3.2): Last Substruc
/// (0 on the last one, else 2 for proposals and 3 for transforms), a reserved octet and the length.
/// </summary>
internal static class Substructure
{
    public const byte Last = 0;

    /// <summary>Reads the header; the length must cover <paramref name="minLength"/> and stay inside <paramref name="data"/>.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> data, byte more, int minLength, out bool isLast, out int length)
    {
        isLast = false;
        length = 0;
        if (data.Length < minLength)
        {
            return false;
        }

        length = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        isLast = data[0] == Last;
        return (isLast || data[0] == more) && length >= minLength && length <= data.Length;
    }

    public static void WriteHeader(Span<byte> destination, bool isLast, byte more, int length)
    {
        destination[0] = isLast ? Last : more;
        destination[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], checked((ushort)length));
    }
}
