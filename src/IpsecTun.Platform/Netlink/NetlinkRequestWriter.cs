using System.Buffers.Binary;

namespace IpsecTun.Platform.Netlink;

/// <summary>
/// Builds one netlink request: the header, the family's fixed structure, then type-length-value
/// attributes (struct rtattr), each padded to 4 bytes.
/// </summary>
internal ref struct NetlinkRequestWriter
{
    private const int AttributeHeaderSize = 4;

    private readonly Span<byte> _buffer;
    private readonly ushort _type;
    private readonly ushort _flags;
    private int _length;

    public NetlinkRequestWriter(Span<byte> buffer, ushort type, ushort flags)
    {
        _buffer = buffer;
        _type = type;
        _flags = flags;
        _buffer[..NetlinkHeader.Size].Clear();
        _length = NetlinkHeader.Size;
    }

    /// <summary>Reserves the family structure (ifinfomsg, ifaddrmsg, rtmsg), zeroed, for the caller to fill.</summary>
    public Span<byte> AppendFixed(int size)
    {
        Span<byte> space = Reserve(size);
        return space[..size];
    }

    public void AppendAttribute(ushort type, scoped ReadOnlySpan<byte> value)
    {
        Span<byte> space = Reserve(AttributeHeaderSize + value.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(space, (ushort)(AttributeHeaderSize + value.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(space[2..], type);
        value.CopyTo(space[AttributeHeaderSize..]);
    }

    public void AppendAttribute(ushort type, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        AppendAttribute(type, bytes);
    }

    /// <summary>Fills in the header (sequence 0, which <see cref="NetlinkSocket"/> sets) and returns the message.</summary>
    public readonly Span<byte> Finish()
    {
        new NetlinkHeader(_length, _type, _flags, 0, 0).WriteTo(_buffer);
        return _buffer[.._length];
    }

    private Span<byte> Reserve(int size)
    {
        int aligned = NetlinkHeader.Align(size);
        if (_length + aligned > _buffer.Length)
        {
            throw new InvalidOperationException("The netlink request does not fit its buffer.");
        }

        Span<byte> space = _buffer.Slice(_length, aligned);
        space.Clear();
        _length += aligned;
        return space;
    }
}
