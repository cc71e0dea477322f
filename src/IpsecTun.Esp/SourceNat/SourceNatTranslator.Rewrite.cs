using System.Buffers.Binary;
using IpsecTun.Core;

namespace IpsecTun.Esp;

/// <summary>In-place rewrites, each changed 16-bit word folded into the checksums that cover it (RFC 1624).</summary>
public sealed partial class SourceNatTranslator
{
    /// <summary>Replaces the IPv4 address at <paramref name="offset"/> of a header and updates the header checksum, returning its old and new value.</summary>
    private static (ushort Old, ushort New) RewriteAddress(Span<byte> header, int offset, uint old, uint updated)
    {
        BinaryPrimitives.WriteUInt32BigEndian(header[offset..], updated);
        Span<byte> field = header[IpChecksumOffset..];
        ushort oldChecksum = BinaryPrimitives.ReadUInt16BigEndian(field);
        ushort newChecksum = UpdateAddress(oldChecksum, old, updated);
        BinaryPrimitives.WriteUInt16BigEndian(field, newChecksum);
        return (oldChecksum, newChecksum);
    }

    /// <summary>
    /// Replaces a port or query id and updates the segment's checksum, which for TCP and UDP also covers
    /// the changed address through the pseudo-header. A UDP checksum of zero means none and stays zero; a
    /// computed zero is sent as all ones (RFC 768). A quoted segment may end before its checksum, which
    /// then stays as it was (old and new equal).
    /// </summary>
    private static (ushort Old, ushort New) RewriteTransport(
        TransportFields fields, Span<byte> segment, int portOffset, ushort oldPort, ushort newPort, uint oldAddress, uint newAddress)
    {
        BinaryPrimitives.WriteUInt16BigEndian(segment[portOffset..], newPort);
        if (segment.Length < fields.ChecksumOffset + 2)
        {
            return default;
        }

        Span<byte> field = segment[fields.ChecksumOffset..];
        ushort oldChecksum = BinaryPrimitives.ReadUInt16BigEndian(field);
        bool udp = fields.Protocol == IpProtocol.Udp;
        if (udp && oldChecksum == 0)
        {
            return default;
        }

        ushort newChecksum = IncrementalChecksum.Update(oldChecksum, oldPort, newPort);
        if (fields.Protocol != IpProtocol.Icmp)
        {
            newChecksum = UpdateAddress(newChecksum, oldAddress, newAddress);
        }

        if (udp && newChecksum == 0)
        {
            newChecksum = 0xFFFF;
        }

        BinaryPrimitives.WriteUInt16BigEndian(field, newChecksum);
        return (oldChecksum, newChecksum);
    }

    /// <summary>
    /// Rewrites one end (address and port) of the packet an ICMP error quotes, its header checksum and
    /// its transport checksum where quoted, then the ICMP checksum by every word that changed.
    /// </summary>
    private static void RewriteQuoted(
        Span<byte> icmp, Span<byte> quoted, Span<byte> quotedSegment, TransportFields fields, int addressOffset, int portOffset,
        uint oldAddress, uint newAddress, ushort oldPort, ushort newPort)
    {
        ushort icmpChecksum = BinaryPrimitives.ReadUInt16BigEndian(icmp[2..]);
        icmpChecksum = UpdateAddress(icmpChecksum, oldAddress, newAddress);
        (ushort oldHeaderSum, ushort newHeaderSum) = RewriteAddress(quoted, addressOffset, oldAddress, newAddress);
        icmpChecksum = IncrementalChecksum.Update(icmpChecksum, oldHeaderSum, newHeaderSum);
        icmpChecksum = IncrementalChecksum.Update(icmpChecksum, oldPort, newPort);
        (ushort oldSum, ushort newSum) = RewriteTransport(fields, quotedSegment, portOffset, oldPort, newPort, oldAddress, newAddress);
        if (oldSum != newSum)
        {
            icmpChecksum = IncrementalChecksum.Update(icmpChecksum, oldSum, newSum);
        }

        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], icmpChecksum);
    }

    private static ushort UpdateAddress(ushort checksum, uint old, uint updated) =>
        IncrementalChecksum.Update(
            IncrementalChecksum.Update(checksum, (ushort)(old >> 16), (ushort)(updated >> 16)), (ushort)old, (ushort)updated);
}
