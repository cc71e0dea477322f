using System.Buffers.Binary;

namespace IpsecTun.Eap.Methods.Ttls;

/// <summary>
/// One AVP as EAP-TTLS carries it inside the tunnel (RFC 5281 §10.1, Diameter framing): Code (4), Flags
/// (V 0x80, M 0x40), Length (3, header and data without padding), Vendor-ID (4, with V only), Data, then
/// zero padding to a multiple of four. A list parses only if the AVPs fill the buffer exactly.
/// </summary>
internal sealed class DiameterAvp
{
    public const uint MicrosoftVendorId = 311;
    private const byte VendorFlag = 0x80;
    private const byte MandatoryFlag = 0x40;
    private const int HeaderLength = 8;
    private const int VendorHeaderLength = 12;

    private readonly byte[] _data;

    public DiameterAvp(uint code, ReadOnlySpan<byte> data, uint vendorId = 0, bool mandatory = true)
    {
        Code = code;
        VendorId = vendorId;
        Mandatory = mandatory;
        _data = data.ToArray();
    }

    public uint Code { get; }

    /// <summary>0 for the RADIUS/Diameter attribute space, otherwise the vendor's SMI number.</summary>
    public uint VendorId { get; }

    public bool Mandatory { get; }

    public ReadOnlySpan<byte> Data => _data;

    private int HeaderSize => VendorId == 0 ? HeaderLength : VendorHeaderLength;

    public static bool TryReadAll(ReadOnlySpan<byte> source, out List<DiameterAvp> avps)
    {
        avps = [];
        while (!source.IsEmpty)
        {
            if (source.Length < HeaderLength)
            {
                return false;
            }

            byte flags = source[4];
            int length = (source[5] << 16) | (source[6] << 8) | source[7];
            bool vendor = (flags & VendorFlag) != 0;
            int header = vendor ? VendorHeaderLength : HeaderLength;
            if (length < header || length > source.Length)
            {
                return false;
            }

            uint vendorId = vendor ? BinaryPrimitives.ReadUInt32BigEndian(source[8..]) : 0;
            if (vendor && vendorId == 0)
            {
                return false;
            }

            avps.Add(new DiameterAvp(BinaryPrimitives.ReadUInt32BigEndian(source), source[header..length], vendorId, (flags & MandatoryFlag) != 0));
            int padded = Math.Min(source.Length, (length + 3) & ~3);
            source = source[padded..];
        }

        return true;
    }

    public static byte[] Encode(params IEnumerable<DiameterAvp> avps)
    {
        var list = avps.ToList();
        byte[] buffer = new byte[list.Sum(avp => (avp.HeaderSize + avp._data.Length + 3) & ~3)];
        int offset = 0;
        foreach (var avp in list)
        {
            var target = buffer.AsSpan(offset);
            int length = avp.HeaderSize + avp._data.Length;
            BinaryPrimitives.WriteUInt32BigEndian(target, avp.Code);
            target[4] = (byte)((avp.VendorId != 0 ? VendorFlag : 0) | (avp.Mandatory ? MandatoryFlag : 0));
            target[5] = (byte)(length >> 16);
            target[6] = (byte)(length >> 8);
            target[7] = (byte)length;
            if (avp.VendorId != 0)
            {
                BinaryPrimitives.WriteUInt32BigEndian(target[8..], avp.VendorId);
            }

            avp._data.CopyTo(target[avp.HeaderSize..]);
            offset += (length + 3) & ~3;
        }

        return buffer;
    }

    /// <summary>The data of the first AVP with <paramref name="code"/> and <paramref name="vendorId"/>, or null.</summary>
    public static byte[]? Find(IEnumerable<DiameterAvp> avps, uint code, uint vendorId = 0) =>
        avps.FirstOrDefault(avp => avp.Code == code && avp.VendorId == vendorId)?._data.ToArray();

    /// <summary>The data of every EAP-Message AVP joined, as RADIUS joins its attributes (RFC 5281 §11.1).</summary>
    public static byte[] JoinEapMessages(IEnumerable<DiameterAvp> avps) =>
        [.. avps.Where(avp => avp.Code == TtlsAvpCode.EapMessage && avp.VendorId == 0).SelectMany(avp => avp._data)];

    public override string ToString() => $"AVP {Code} vendor {VendorId} ({_data.Length} bytes)";
}
