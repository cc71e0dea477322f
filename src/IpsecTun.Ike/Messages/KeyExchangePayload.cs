using System.Buffers.Binary;
using IpsecTun.Crypto;

namespace IpsecTun.Ike.Messages;

/// <summary>
/// The Key Exchange payload (RFC 7296 §3.4).
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C|  RESERVED   |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Diffie-Hellman Group Num    |           RESERVED            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                                                               |
/// ~                       Key Exchange Data                       ~
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class KeyExchangePayload : Payload
{
    private const int FixedSize = 4;

    public KeyExchangePayload(KeyExchangeGroupId group, ReadOnlyMemory<byte> data)
        : base(PayloadType.KeyExchange)
    {
        Group = group;
        Data = data;
    }

    public KeyExchangeGroupId Group { get; }

    public ReadOnlyMemory<byte> Data { get; }

    public static bool TryParse(ReadOnlySpan<byte> data, [NotNullWhen(true)] out KeyExchangePayload? payload, out int consumed) =>
        PayloadHeader.TryParsePayload(data, ParseBody, out payload, out consumed);

    public override int GetBodySize() => FixedSize + Data.Length;

    public override void WriteBody(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)Group);
        destination[2] = 0;
        destination[3] = 0;
        Data.Span.CopyTo(destination[FixedSize..]);
    }

    private static KeyExchangePayload? ParseBody(ReadOnlySpan<byte> body) =>
        body.Length <= FixedSize ? null
            : new KeyExchangePayload((KeyExchangeGroupId)BinaryPrimitives.ReadUInt16BigEndian(body), body[FixedSize..].ToArray());
}
