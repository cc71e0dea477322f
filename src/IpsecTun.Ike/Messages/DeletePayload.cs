using System.Buffers.Binary;

namespace IpsecTun.Ike.Messages;

/// <summary>
/// The Delete payload (RFC 7296 §3.11): the IKE SA itself (no SPIs) or Child SAs by inbound SPI.
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C|  RESERVED   |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Protocol ID   |   SPI Size    |          Num of SPIs          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                                                               |
/// ~               Security Parameter Index(es) (SPI)              ~
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class DeletePayload : Payload
{
    private const int FixedSize = 4;
    private const int ChildSpiSize = 4;

    public DeletePayload(ProtocolId protocol, IReadOnlyList<uint> spis)
        : base(PayloadType.Delete)
    {
        Protocol = protocol;
        Spis = spis;
    }

    public ProtocolId Protocol { get; }

    /// <summary>The Child SA SPIs; empty when the IKE SA is deleted.</summary>
    public IReadOnlyList<uint> Spis { get; }

    public static DeletePayload IkeSa() => new(ProtocolId.Ike, []);

    public static bool TryParse(ReadOnlySpan<byte> data, [NotNullWhen(true)] out DeletePayload? payload, out int consumed) =>
        PayloadHeader.TryParsePayload(data, ParseBody, out payload, out consumed);

    public override int GetBodySize() => FixedSize + (ChildSpiSize * Spis.Count);

    public override void WriteBody(Span<byte> destination)
    {
        destination[0] = (byte)Protocol;
        destination[1] = Protocol == ProtocolId.Ike ? (byte)0 : (byte)ChildSpiSize;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], checked((ushort)Spis.Count));
        for (int i = 0; i < Spis.Count; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[(FixedSize + (ChildSpiSize * i))..], Spis[i]);
        }
    }

    private static DeletePayload? ParseBody(ReadOnlySpan<byte> body)
    {
        if (body.Length < FixedSize)
        {
            return null;
        }

        var protocol = (ProtocolId)body[0];
        int spiSize = body[1];
        int count = BinaryPrimitives.ReadUInt16BigEndian(body[2..]);
        bool shapeFits = protocol switch
        {
            ProtocolId.Ike => spiSize == 0 && count == 0,
            ProtocolId.Ah or ProtocolId.Esp => spiSize == ChildSpiSize && count > 0,
            _ => false,
        };
        if (!shapeFits || body.Length != FixedSize + (spiSize * count))
        {
            return null;
        }

        uint[] spis = new uint[count];
        for (int i = 0; i < count; i++)
        {
            spis[i] = BinaryPrimitives.ReadUInt32BigEndian(body[(FixedSize + (ChildSpiSize * i))..]);
        }

        return new DeletePayload(protocol, spis);
    }
}
