using System.Buffers.Binary;

namespace IpsecTun.Ike.Messages;

/// <summary>
/// The generic payload header every payload starts with (RFC 7296 §3.2).
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C|  RESERVED   |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public readonly record struct PayloadHeader(PayloadType NextPayload, bool Critical, ushort Length)
{
    public const int Size = 4;
    private const byte CriticalBit = 0x80;

    /// <summary>
    /// Reads the header and checks that its length covers at least the header and at most
    /// <paramref name="data"/>: the check that keeps a chain from running past its message or looping.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out PayloadHeader header, out int consumed)
    {
        header = default;
        consumed = 0;
        if (data.Length < Size)
        {
            return false;
        }

        ushort length = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        if (length < Size || length > data.Length)
        {
            return false;
        }

        header = new PayloadHeader((PayloadType)data[0], (data[1] & CriticalBit) != 0, length);
        consumed = Size;
        return true;
    }

    public int WriteTo(Span<byte> destination)
    {
        destination[0] = (byte)NextPayload;
        destination[1] = Critical ? CriticalBit : (byte)0;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Length);
        return Size;
    }

    /// <summary>Parses a payload whose body <paramref name="parseBody"/> reads, for a type's own TryParse.</summary>
    internal static bool TryParsePayload<T>(ReadOnlySpan<byte> data, BodyParser<T> parseBody, out T? payload, out int consumed)
        where T : Payload
    {
        payload = null;
        consumed = 0;
        if (!TryParse(data, out PayloadHeader header, out _))
        {
            return false;
        }

        payload = parseBody(data[Size..header.Length]);
        if (payload is null)
        {
            return false;
        }

        payload.Critical = header.Critical;
        consumed = header.Length;
        return true;
    }

    /// <summary>Reads a payload body (everything after the generic header); null when it is malformed.</summary>
    internal delegate T? BodyParser<T>(ReadOnlySpan<byte> body);
}
