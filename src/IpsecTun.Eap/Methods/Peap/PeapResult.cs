using System.Buffers.Binary;
using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Methods.Peap;

/// <summary>
/// The Extensions packet that ends PEAP's inner phase (MS-PEAP §2.2.8, §2.2.8.1): a full EAP packet of type 33
/// carrying one Result TLV (mandatory bit, type 3, length 2) whose status is 1 for success or 2 for failure, and
/// with a successful Result the Cryptobinding TLV (type 12, not mandatory) when crypto binding is in force.
/// </summary>
internal static class PeapResult
{
    private const ushort MandatoryBit = 0x8000;
    private const ushort TypeMask = 0x3FFF;
    private const ushort ResultTlv = 3;
    private const ushort Success = 1;
    private const ushort Failure = 2;

    public static EapPacket Encode(EapCode code, byte identifier, bool success) => Encode(code, identifier, success, []);

    /// <summary>The Result TLV followed by <paramref name="cryptoBinding"/> (a whole Cryptobinding TLV, or empty).</summary>
    public static EapPacket Encode(EapCode code, byte identifier, bool success, ReadOnlySpan<byte> cryptoBinding)
    {
        byte[] tlvs = new byte[6 + cryptoBinding.Length];
        BinaryPrimitives.WriteUInt16BigEndian(tlvs, MandatoryBit | ResultTlv);
        BinaryPrimitives.WriteUInt16BigEndian(tlvs.AsSpan(2), 2);
        BinaryPrimitives.WriteUInt16BigEndian(tlvs.AsSpan(4), success ? Success : Failure);
        cryptoBinding.CopyTo(tlvs.AsSpan(6));
        return code == EapCode.Request
            ? EapPacket.Request(identifier, EapType.PeapExtensions, tlvs)
            : EapPacket.Response(identifier, EapType.PeapExtensions, tlvs);
    }

    public static bool? TryRead(ReadOnlySpan<byte> tlvs) => TryRead(tlvs, out _);

    /// <summary>
    /// Reads the Result status of an Extensions packet's TLVs: true for success, false for failure, null when
    /// the TLVs are malformed, carry no Result, or carry a mandatory TLV this side does not know.
    /// <paramref name="cryptoBinding"/> is where the (last) Cryptobinding TLV is, header included, or an empty range.
    /// </summary>
    public static bool? TryRead(ReadOnlySpan<byte> tlvs, out Range cryptoBinding)
    {
        cryptoBinding = default;
        bool? result = null;
        int offset = 0;
        while (offset < tlvs.Length)
        {
            var rest = tlvs[offset..];
            if (rest.Length < 4)
            {
                return null;
            }

            ushort type = BinaryPrimitives.ReadUInt16BigEndian(rest);
            int length = BinaryPrimitives.ReadUInt16BigEndian(rest[2..]);
            if (length > rest.Length - 4)
            {
                return null;
            }

            if ((type & TypeMask) == ResultTlv && length == 2)
            {
                ushort status = BinaryPrimitives.ReadUInt16BigEndian(rest[4..]);
                result = status switch { Success => true, Failure => false, _ => null };
            }
            else if ((type & TypeMask) == PeapCryptoBinding.TlvType)
            {
                cryptoBinding = offset..(offset + 4 + length);
            }
            else if ((type & MandatoryBit) != 0)
            {
                return null;
            }

            offset += 4 + length;
        }

        return result;
    }
}
