using System.Buffers.Binary;

namespace IpsecTun.Platform.Netlink;

/// <summary>
/// The payload of an NLMSG_ERROR message: a negated errno (0 for an acknowledgement) followed by at least
/// the header of the request it answers.
/// </summary>
internal static class NetlinkError
{
    public const int MinPayloadLength = 4 + NetlinkHeader.Size;

    /// <summary>Reads the errno (positive, or 0 for success) and the sequence of the request it answers.</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out int errno, out uint requestSequence)
    {
        errno = 0;
        requestSequence = 0;
        if (payload.Length < MinPayloadLength)
        {
            return false;
        }

        int value = BinaryPrimitives.ReadInt32LittleEndian(payload);
        if (value > 0 || value == int.MinValue)
        {
            return false;
        }

        errno = -value;
        requestSequence = BinaryPrimitives.ReadUInt32LittleEndian(payload[(4 + 8)..]);
        return true;
    }
}
