using System.Buffers.Binary;

namespace IpsecTun.Platform.Netlink;

/// <summary>
/// Walks the type-length-value attributes (struct rtattr) after a message's fixed structure. A length that
/// is shorter than the attribute header or runs past the message ends the walk as malformed.
/// </summary>
internal ref struct NetlinkAttributeReader(ReadOnlySpan<byte> attributes)
{
    private const int HeaderSize = 4;

    private ReadOnlySpan<byte> _remaining = attributes;

    /// <summary>True once an attribute with an impossible length was met; the walk stops there.</summary>
    public bool Malformed { get; private set; }

    public bool TryReadNext(out ushort type, out ReadOnlySpan<byte> value)
    {
        type = 0;
        value = default;
        if (_remaining.IsEmpty || Malformed)
        {
            return false;
        }

        if (_remaining.Length < HeaderSize)
        {
            Malformed = true;
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16LittleEndian(_remaining);
        if (length < HeaderSize || length > _remaining.Length)
        {
            Malformed = true;
            return false;
        }

        // The top two bits are NLA_F_NESTED and NLA_F_NET_BYTEORDER, not part of the type.
        type = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(_remaining[2..]) & 0x3FFF);
        value = _remaining[HeaderSize..length];
        _remaining = _remaining[Math.Min(NetlinkHeader.Align(length), _remaining.Length)..];
        return true;
    }
}
