using System.Buffers.Binary;
using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Methods.Peap;

/// <summary>
/// PEAPv0's inner packet encoding (MS-PEAP §3.1.5.6): an EAP packet of any type but Extensions travels
/// without its Code, Identifier and Length, which the receiver restores from the outer packet and its own
/// state; Extensions packets (type 33) keep the full header.
/// </summary>
internal static class PeapInnerPacket
{
    public static byte[] Encode(EapPacket packet) =>
        packet.Type == EapType.PeapExtensions ? packet.ToArray() : [(byte)packet.Type, .. packet.TypeData];

    /// <summary>
    /// Restores an inner packet with <paramref name="code"/> and <paramref name="identifier"/>; data that parses
    /// as a whole Extensions packet is taken as it is.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, EapCode code, byte identifier, out EapPacket? packet)
    {
        packet = null;
        if (data.Length > EapPacket.HeaderLength
            && data[0] == (byte)code
            && data[EapPacket.HeaderLength] == (byte)EapType.PeapExtensions
            && BinaryPrimitives.ReadUInt16BigEndian(data[2..]) == data.Length)
        {
            return EapPacket.TryParse(data, out packet, out _);
        }

        if (data.IsEmpty || data[0] is 0 or (byte)EapType.Expanded)
        {
            return false;
        }

        packet = code == EapCode.Request
            ? EapPacket.Request(identifier, (EapType)data[0], data[1..])
            : EapPacket.Response(identifier, (EapType)data[0], data[1..]);
        return true;
    }
}
