using System.Buffers.Binary;

namespace IpsecTun.Ike.Messages;

/// <summary>
/// A transform attribute (RFC 7296 §3.3.5): type/value when AF is set, type/length/value otherwise.
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |A|       Attribute Type        |    AF=0  Attribute Length     |
/// |F|                             |    AF=1  Attribute Value      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                   AF=0  Attribute Value                       |
/// |                   AF=1  Not Transmitted                       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "RFC 7296 calls these attributes.")]
public sealed class TransformAttribute
{
    /// <summary>The Key Length attribute, the only one RFC 7296 defines; always in TV format.</summary>
    public const ushort KeyLengthType = 14;

    private const ushort FormatBit = 0x8000;
    private const int HeaderSize = 4;

    private TransformAttribute(ushort type, bool isShort, ushort shortValue, ReadOnlyMemory<byte> value)
    {
        AttributeType = type;
        IsShort = isShort;
        ShortValue = shortValue;
        Value = value;
    }

    public ushort AttributeType { get; }

    /// <summary>True for the TV format (AF=1), whose value is <see cref="ShortValue"/>.</summary>
    public bool IsShort { get; }

    public ushort ShortValue { get; }

    /// <summary>The value of a TLV-format attribute.</summary>
    public ReadOnlyMemory<byte> Value { get; }

    public static TransformAttribute KeyLength(int bits) => TypeValue(KeyLengthType, checked((ushort)bits));

    public static TransformAttribute TypeValue(ushort type, ushort value) => new((ushort)(type & ~FormatBit), true, value, default);

    public static TransformAttribute TypeLengthValue(ushort type, ReadOnlyMemory<byte> value) => new((ushort)(type & ~FormatBit), false, 0, value);

    public static bool TryParse(ReadOnlySpan<byte> data, out TransformAttribute? attribute, out int consumed)
    {
        attribute = null;
        consumed = 0;
        if (data.Length < HeaderSize)
        {
            return false;
        }

        ushort typeField = BinaryPrimitives.ReadUInt16BigEndian(data);
        ushort second = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        ushort type = (ushort)(typeField & ~FormatBit);
        if ((typeField & FormatBit) != 0)
        {
            attribute = new TransformAttribute(type, true, second, default);
            consumed = HeaderSize;
            return true;
        }

        // Key Length is defined as TV only (RFC 7296 §3.3.5).
        if (type == KeyLengthType || second > data.Length - HeaderSize)
        {
            return false;
        }

        attribute = new TransformAttribute(type, false, 0, data.Slice(HeaderSize, second).ToArray());
        consumed = HeaderSize + second;
        return true;
    }

    public int GetSize() => IsShort ? HeaderSize : HeaderSize + Value.Length;

    public int WriteTo(Span<byte> destination)
    {
        if (IsShort)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(AttributeType | FormatBit));
            BinaryPrimitives.WriteUInt16BigEndian(destination[2..], ShortValue);
            return HeaderSize;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, AttributeType);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], checked((ushort)Value.Length));
        Value.Span.CopyTo(destination[HeaderSize..]);
        return HeaderSize + Value.Length;
    }
}
