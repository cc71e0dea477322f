using System.Buffers.Binary;
using IpsecTun.Core;

namespace IpsecTun.Esp;

/// <summary>In-place rewrites with incremental checksum updates.</summary>
public sealed partial class SourceNatTranslator
{
    /// <summary>Replaces the IPv4 address at <paramref name="offset"/> of a header and updates the header checksum.</summary>
    private static void RewriteAddress(Span<byte> header, int offset, uint old, uint updated)
    {
        BinaryPrimitives.WriteUInt32BigEndian(header[offset..], updated);
        IncrementalChecksum.Apply(header[IpChecksumOffset..], IncrementalChecksum.AddAddress(0, old, updated));
    }

    /// <summary>
    /// Replaces a port or query id and updates the segment's checksum, which for TCP and UDP also covers
    /// the changed address through the pseudo-header. False when the segment (a quoted one) ends before
    /// its checksum, which then stays as it was.
    /// </summary>
    private static bool RewriteTransport(
        TransportFields fields, Span<byte> segment, int portOffset, ushort oldPort, ushort newPort, uint oldAddress, uint newAddress,
        out ushort oldChecksum, out ushort newChecksum)
    {
        BinaryPrimitives.WriteUInt16BigEndian(segment[portOffset..], newPort);
        if (segment.Length < fields.ChecksumOffset + 2)
        {
            oldChecksum = newChecksum = 0;
            return false;
        }

        uint delta = IncrementalChecksum.AddWord(0, oldPort, newPort);
        if (fields.Protocol != IpProtocol.Icmp)
        {
            delta = IncrementalChecksum.AddAddress(delta, oldAddress, newAddress);
        }

        Span<byte> checksum = segment[fields.ChecksumOffset..];
        (oldChecksum, newChecksum) = fields.Protocol == IpProtocol.Udp
            ? IncrementalChecksum.ApplyUdp(checksum, delta)
            : IncrementalChecksum.Apply(checksum, delta);
        return true;
    }

    /// <summary>
    /// Rewrites one end (address and port) of the packet an ICMP error quotes, its header checksum and
    /// its transport checksum where quoted, then the ICMP checksum by every word that changed.
    /// </summary>
    private static void RewriteQuoted(
        Span<byte> icmp, Span<byte> quoted, Span<byte> quotedSegment, TransportFields fields, int addressOffset, int portOffset,
        uint oldAddress, uint newAddress, ushort oldPort, ushort newPort)
    {
        uint icmpDelta = IncrementalChecksum.AddAddress(0, oldAddress, newAddress);
        BinaryPrimitives.WriteUInt32BigEndian(quoted[addressOffset..], newAddress);
        (ushort oldHeaderSum, ushort newHeaderSum) = IncrementalChecksum.Apply(
            quoted[IpChecksumOffset..], IncrementalChecksum.AddAddress(0, oldAddress, newAddress));
        icmpDelta = IncrementalChecksum.AddWord(icmpDelta, oldHeaderSum, newHeaderSum);
        icmpDelta = IncrementalChecksum.AddWord(icmpDelta, oldPort, newPort);
        if (RewriteTransport(fields, quotedSegment, portOffset, oldPort, newPort, oldAddress, newAddress, out ushort oldSum, out ushort newSum))
        {
            icmpDelta = IncrementalChecksum.AddWord(icmpDelta, oldSum, newSum);
        }

        IncrementalChecksum.Apply(icmp[2..], icmpDelta);
    }
}
