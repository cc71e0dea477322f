using System.Buffers.Binary;

namespace IpsecTun.Ike.Messages;

/// <summary>
/// The Notify payload (RFC 7296 §3.10). <see cref="NotifyData"/> reads and checks the data of the
/// types IKE acts on.
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C|  RESERVED   |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  Protocol ID  |   SPI Size    |      Notify Message Type      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                                                               |
/// ~                Security Parameter Index (SPI)                 ~
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                                                               |
/// ~                       Notification Data                       ~
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class NotifyPayload : Payload
{
    /// <summary>Types below this are errors, from it on status (RFC 7296 §3.10.1).</summary>
    public const ushort FirstStatusType = 16384;

    private const int FixedSize = 4;

    public NotifyPayload(NotifyType notifyType, ReadOnlyMemory<byte> data = default, ProtocolId protocol = ProtocolId.None, ReadOnlyMemory<byte> spi = default)
        : base(PayloadType.Notify)
    {
        NotifyType = notifyType;
        Data = data;
        Protocol = protocol;
        Spi = spi;
    }

    public NotifyType NotifyType { get; }

    public ProtocolId Protocol { get; }

    public ReadOnlyMemory<byte> Spi { get; }

    public ReadOnlyMemory<byte> Data { get; }

    public bool IsError => (ushort)NotifyType < FirstStatusType;

    /// <summary>The Notify that answers a rejected message.</summary>
    public static NotifyPayload FromError(IkeError error) => new(error.Notify, error.GetNotificationData());

    public static bool TryParse(ReadOnlySpan<byte> data, [NotNullWhen(true)] out NotifyPayload? payload, out int consumed) =>
        PayloadHeader.TryParsePayload(data, ParseBody, out payload, out consumed);

    public override int GetBodySize() => FixedSize + Spi.Length + Data.Length;

    public override void WriteBody(Span<byte> destination)
    {
        destination[0] = (byte)Protocol;
        destination[1] = checked((byte)Spi.Length);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)NotifyType);
        Spi.Span.CopyTo(destination[FixedSize..]);
        Data.Span.CopyTo(destination[(FixedSize + Spi.Length)..]);
    }

    private static NotifyPayload? ParseBody(ReadOnlySpan<byte> body)
    {
        if (body.Length < FixedSize)
        {
            return null;
        }

        int spiSize = body[1];
        if (spiSize is not (0 or 4 or 8) || FixedSize + spiSize > body.Length)
        {
            return null;
        }

        var type = (NotifyType)BinaryPrimitives.ReadUInt16BigEndian(body[2..]);
        ReadOnlySpan<byte> data = body[(FixedSize + spiSize)..];
        return NotifyData.IsValid(type, spiSize, data)
            ? new NotifyPayload(type, data.ToArray(), (ProtocolId)body[0], body.Slice(FixedSize, spiSize).ToArray())
            : null;
    }
}
