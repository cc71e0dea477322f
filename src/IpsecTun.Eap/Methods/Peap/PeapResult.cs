using System.Buffers.Binary;
using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Methods.Peap;

/// <summary>
/// The Extensions packet that ends PEAP's inner phase (MS-PEAP §2.2.8, §2.2.8.1): a full EAP packet of type 33
/// carrying one Result TLV (mandatory bit, type 3, length 2) whose status is 1 for success or 2 for failure.
/// </summary>
internal static class PeapResult
{
    private const ushort MandatoryBit = 0x8000;
    private const ushort TypeMask = 0x3FFF;
    private const ushort ResultTlv = 3;
    private const ushort Success = 1;
    private const ushort Failure = 2;

    public static EapPacket Encode(EapCode code, byte identifier, bool success)
    {
        byte[] tlv = new byte[6];
        BinaryPrimitives.WriteUInt16BigEndian(tlv, MandatoryBit | ResultTlv);
        BinaryPrimitives.WriteUInt16BigEndian(tlv.AsSpan(2), 2);
        BinaryPrimitives.WriteUInt16BigEndian(tlv.AsSpan(4), success ? Success : Failure);
        return code == EapCode.Request
            ? EapPacket.Request(identifier, EapType.PeapExtensions, tlv)
            : EapPacket.Response(identifier, EapType.PeapExtensions, tlv);
    }

    /// <summary>
    /// Reads the Result status of an Extensions packet's TLVs: true for success, false for failure, null when
    /// the TLVs are malformed, carry no Result, or carry a mandatory TLV this side does not know (such as
    /// the crypto binding, which is not implemented).
    /// </summary>
    public static bool? TryRead(ReadOnlySpan<byte> tlvs)
    {
        bool? result = null;
        while (!tlvs.IsEmpty)
        {
            if (tlvs.Length < 4)
            {
                return null;
            }

            ushort type = BinaryPrimitives.ReadUInt16BigEndian(tlvs);
            int length = BinaryPrimitives.ReadUInt16BigEndian(tlvs[2..]);
            if (length > tlvs.Length - 4)
            {
                return null;
            }

            var value = tlvs.Slice(4, length);
            if ((type & TypeMask) == ResultTlv && length == 2)
            {
                ushort status = BinaryPrimitives.ReadUInt16BigEndian(value);
                result = status switch { Success => true, Failure => false, _ => null };
            }
            else if ((type & MandatoryBit) != 0)
            {
                return null;
            }

            tlvs = tlvs[(4 + length)..];
        }

        return result;
    }
}
