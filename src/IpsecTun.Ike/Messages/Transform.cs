using System.Buffers.Binary;
using IpsecTun.Crypto;

namespace IpsecTun.Ike.Messages;

/// <summary>
/// A transform substructure of a proposal (RFC 7296 §3.3.2).
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Last Substruc |   RESERVED    |        Transform Length       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |Transform Type |   RESERVED    |          Transform ID         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                                                               |
/// ~                      Transform Attributes                     ~
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class Transform
{
    private const byte MoreTransforms = 3;
    private const int HeaderSize = 8;

    public Transform(TransformType type, ushort id, IReadOnlyList<TransformAttribute>? attributes = null)
    {
        Type = type;
        Id = id;
        Attributes = attributes ?? [];
    }

    public TransformType Type { get; }

    /// <summary>The transform id in the registry of <see cref="Type"/>.</summary>
    public ushort Id { get; }

    public IReadOnlyList<TransformAttribute> Attributes { get; }

    /// <summary>The Key Length attribute in bits, or 0 when the transform carries none.</summary>
    public int KeyLengthBits =>
        Attributes.FirstOrDefault(a => a.AttributeType == TransformAttribute.KeyLengthType)?.ShortValue ?? 0;

    /// <summary>Reads one transform; <paramref name="isLast"/> reports its Last Substruc field.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out Transform? transform, out bool isLast, out int consumed)
    {
        transform = null;
        consumed = 0;
        if (!Substructure.TryReadHeader(data, MoreTransforms, HeaderSize, out isLast, out int length))
        {
            return false;
        }

        var attributes = new List<TransformAttribute>();
        ReadOnlySpan<byte> rest = data[HeaderSize..length];
        while (!rest.IsEmpty)
        {
            if (!TransformAttribute.TryParse(rest, out TransformAttribute? attribute, out int used))
            {
                return false;
            }

            attributes.Add(attribute!);
            rest = rest[used..];
        }

        transform = new Transform((TransformType)data[4], BinaryPrimitives.ReadUInt16BigEndian(data[6..]), attributes);
        consumed = length;
        return true;
    }

    public int GetSize() => HeaderSize + Attributes.Sum(a => a.GetSize());

    public int WriteTo(Span<byte> destination, bool isLast)
    {
        int size = GetSize();
        Substructure.WriteHeader(destination, isLast, MoreTransforms, size);
        destination[4] = (byte)Type;
        destination[5] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], Id);
        int offset = HeaderSize;
        foreach (TransformAttribute attribute in Attributes)
        {
            offset += attribute.WriteTo(destination[offset..]);
        }

        return size;
    }
}
