using System.Buffers.Binary;

namespace IpsecTun.Platform.Netlink;

/// <summary>
/// struct nlmsghdr (RFC 3549 §2.3.2): length, type, flags, sequence and sender port, in host byte order.
/// Messages in a datagram follow each other at 4-byte boundaries. Host order is little-endian on every
/// architecture this project builds for, so the reads and writes here name it.
/// </summary>
internal readonly record struct NetlinkHeader(int Length, ushort Type, ushort Flags, uint Sequence, uint PortId)
{
    public const int Size = 16;

    // linux/netlink.h
    public const ushort TypeNoop = 1;
    public const ushort TypeError = 2;
    public const ushort TypeDone = 3;
    public const ushort FlagRequest = 0x001;
    public const ushort FlagAcknowledge = 0x004;
    public const ushort FlagReplace = 0x100;
    public const ushort FlagExclusive = 0x200;
    public const ushort FlagCreate = 0x400;

    public static int Align(int length) => (length + 3) & ~3;

    /// <summary>
    /// Reads one message's header. Fails unless the declared length covers the header and fits in
    /// <paramref name="datagram"/>; <paramref name="consumed"/> then reaches the next message.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> datagram, out NetlinkHeader header, out int consumed)
    {
        header = default;
        consumed = 0;
        if (datagram.Length < Size)
        {
            return false;
        }

        uint length = BinaryPrimitives.ReadUInt32LittleEndian(datagram);
        if (length < Size || length > (uint)datagram.Length)
        {
            return false;
        }

        header = new NetlinkHeader(
            (int)length,
            BinaryPrimitives.ReadUInt16LittleEndian(datagram[4..]),
            BinaryPrimitives.ReadUInt16LittleEndian(datagram[6..]),
            BinaryPrimitives.ReadUInt32LittleEndian(datagram[8..]),
            BinaryPrimitives.ReadUInt32LittleEndian(datagram[12..]));
        consumed = Math.Min(Align((int)length), datagram.Length);
        return true;
    }

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)Length);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], Type);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], Flags);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], Sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], PortId);
    }
}
