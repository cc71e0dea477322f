using System.Buffers.Binary;

namespace IpsecTun.Ike.Messages;

/// <summary>
/// The IKE header (RFC 7296 §3.1).
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                       IKE SA Initiator's SPI                  |
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                       IKE SA Responder's SPI                  |
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  Next Payload | MjVer | MnVer | Exchange Type |     Flags     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                          Message ID                           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                            Length                             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public readonly record struct IkeHeader(
    ulong InitiatorSpi,
    ulong ResponderSpi,
    PayloadType NextPayload,
    ExchangeType ExchangeType,
    IkeHeaderFlags Flags,
    uint MessageId,
    uint Length,
    byte MajorVersion = IkeHeader.Version2,
    byte MinorVersion = 0)
{
    public const int Size = 28;
    public const byte Version2 = 2;

    public bool IsResponse => (Flags & IkeHeaderFlags.Response) != 0;

    public bool IsFromInitiator => (Flags & IkeHeaderFlags.Initiator) != 0;

    /// <summary>Reads the 28 header octets; the version and length are checked by <see cref="IkeMessage"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out IkeHeader header, out int consumed)
    {
        if (data.Length < Size)
        {
            header = default;
            consumed = 0;
            return false;
        }

        header = new IkeHeader(
            BinaryPrimitives.ReadUInt64BigEndian(data),
            BinaryPrimitives.ReadUInt64BigEndian(data[8..]),
            (PayloadType)data[16],
            (ExchangeType)data[18],
            (IkeHeaderFlags)data[19],
            BinaryPrimitives.ReadUInt32BigEndian(data[20..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[24..]),
            (byte)(data[17] >> 4),
            (byte)(data[17] & 0x0f));
        consumed = Size;
        return true;
    }

    public int WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, InitiatorSpi);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], ResponderSpi);
        destination[16] = (byte)NextPayload;
        destination[17] = (byte)((MajorVersion << 4) | (MinorVersion & 0x0f));
        destination[18] = (byte)ExchangeType;
        destination[19] = (byte)Flags;
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], MessageId);
        BinaryPrimitives.WriteUInt32BigEndian(destination[24..], Length);
        return Size;
    }
}
