using System.Buffers.Binary;
using System.Text;

namespace IpsecTun.Eap.Methods.MsChapV2;

/// <summary>
/// EAP-MSCHAPv2 type data: OpCode | MS-CHAPv2-ID | MS-Length | payload, where MS-Length is the whole type data
/// (the EAP Length minus 5). The peer's Success and Failure acknowledgements are the bare OpCode.
/// Challenge and Response payloads start with Value-Size and end with a Name.
/// </summary>
internal static class MsChapV2Framing
{
    public const int HeaderLength = 4;
    public const int ResponseValueLength = 49;

    public static byte[] Encode(MsChapV2OpCode opCode, byte msChapId, ReadOnlySpan<byte> payload)
    {
        byte[] data = new byte[HeaderLength + payload.Length];
        data[0] = (byte)opCode;
        data[1] = msChapId;
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(2), (ushort)data.Length);
        payload.CopyTo(data.AsSpan(HeaderLength));
        return data;
    }

    public static byte[] EncodeMessage(MsChapV2OpCode opCode, byte msChapId, string message) =>
        Encode(opCode, msChapId, Encoding.ASCII.GetBytes(message));

    /// <summary>False unless the data has a full header whose MS-Length equals the type data's length.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> data, out MsChapV2OpCode opCode, out byte msChapId, out ReadOnlySpan<byte> payload)
    {
        opCode = 0;
        msChapId = 0;
        payload = default;
        if (data.Length < HeaderLength || BinaryPrimitives.ReadUInt16BigEndian(data[2..]) != data.Length)
        {
            return false;
        }

        opCode = (MsChapV2OpCode)data[0];
        msChapId = data[1];
        payload = data[HeaderLength..];
        return true;
    }

    /// <summary>Splits Value-Size | Value | Name, requiring the value to have exactly <paramref name="valueLength"/> bytes.</summary>
    public static bool TryReadValue(ReadOnlySpan<byte> payload, int valueLength, out ReadOnlySpan<byte> value, out ReadOnlySpan<byte> name)
    {
        value = default;
        name = default;
        if (payload.Length < 1 + valueLength || payload[0] != valueLength)
        {
            return false;
        }

        value = payload.Slice(1, valueLength);
        name = payload[(1 + valueLength)..];
        return true;
    }
}
