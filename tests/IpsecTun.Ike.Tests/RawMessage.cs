using System.Buffers.Binary;
using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Tests;

/// <summary>Builds datagrams from raw payload bodies, so tests can put any value in any field.</summary>
internal static class RawMessage
{
    public static IkeHeader Header(ExchangeType exchange = ExchangeType.IkeSaInit, IkeHeaderFlags flags = IkeHeaderFlags.Initiator, uint messageId = 0) =>
        new(0x0102030405060708, exchange == ExchangeType.IkeSaInit && (flags & IkeHeaderFlags.Response) == 0 ? 0UL : 0x1112131415161718UL,
            PayloadType.None, exchange, flags, messageId, 0);

    /// <summary>A datagram whose payloads are (type, body, critical) with correct lengths and links.</summary>
    public static byte[] Build(IkeHeader header, params (PayloadType Type, byte[] Body, bool Critical)[] payloads)
    {
        int size = IkeHeader.Size + payloads.Sum(p => PayloadHeader.Size + p.Body.Length);
        byte[] bytes = new byte[size];
        (header with { NextPayload = payloads.Length == 0 ? PayloadType.None : payloads[0].Type, Length = (uint)size }).WriteTo(bytes);
        int offset = IkeHeader.Size;
        for (int i = 0; i < payloads.Length; i++)
        {
            PayloadType next = i + 1 < payloads.Length ? payloads[i + 1].Type : PayloadType.None;
            new PayloadHeader(next, payloads[i].Critical, (ushort)(PayloadHeader.Size + payloads[i].Body.Length)).WriteTo(bytes.AsSpan(offset));
            payloads[i].Body.CopyTo(bytes, offset + PayloadHeader.Size);
            offset += PayloadHeader.Size + payloads[i].Body.Length;
        }

        return bytes;
    }

    public static byte[] Body(Payload payload)
    {
        byte[] body = new byte[payload.GetBodySize()];
        payload.WriteBody(body);
        return body;
    }

    public static void SetUInt16(byte[] bytes, int offset, int value) => BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(offset), (ushort)value);
}
