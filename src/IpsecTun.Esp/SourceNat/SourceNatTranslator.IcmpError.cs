using System.Buffers.Binary;
using IpsecTun.Core;

namespace IpsecTun.Esp;

/// <summary>
/// ICMP errors quote the IP header and at least the first 8 bytes of the packet that caused them
/// (RFC 792), which is enough for the ports or the echo query id. The quoted packet travelled the
/// other way, so its source and destination are swapped relative to the error's.
/// </summary>
public sealed partial class SourceNatTranslator
{
    private const int QuotedSegmentMinLength = 8;

    /// <summary>An error from beyond the tunnel about a packet an inside host sent out through the mapping.</summary>
    private SourceNatVerdict TranslateInboundIcmpError(Span<byte> packet, Span<byte> icmp)
    {
        if (!TryReadQuoted(icmp, out Span<byte> quoted, out Span<byte> quotedSegment))
        {
            return Drop(SourceNatCounter.Malformed);
        }

        byte protocol = quoted[9];
        if (BinaryPrimitives.ReadUInt32BigEndian(quoted[SourceOffset..]) != _translatedAddress
            || !TryQuotedFields(protocol, quotedSegment, IcmpEchoRequest, out TransportFields fields))
        {
            return SourceNatVerdict.Unchanged;
        }

        uint remote = BinaryPrimitives.ReadUInt32BigEndian(quoted[DestinationOffset..]);
        ushort externalPort = TransportFields.ReadPort(quotedSegment, fields.SourcePortOffset);
        ushort remotePort = fields.HasRemotePort ? TransportFields.ReadPort(quotedSegment, fields.DestinationPortOffset) : (ushort)0;
        if (!_table.TryPeekOutside(protocol, remote, remotePort, externalPort, Now, out NatMapping mapping))
        {
            return SourceNatVerdict.Unchanged;
        }

        RewriteAddress(packet, DestinationOffset, _translatedAddress, mapping.InsideAddress);
        RewriteQuoted(icmp, quoted, quotedSegment, fields, SourceOffset, fields.SourcePortOffset,
            _translatedAddress, mapping.InsideAddress, externalPort, mapping.InsidePort);
        Statistics.Increment(SourceNatCounter.InboundTranslated);
        Statistics.Increment(SourceNatCounter.IcmpErrorsTranslated);
        return SourceNatVerdict.Translated;
    }

    /// <summary>An error an inside host sends about a packet that reached it through the mapping.</summary>
    private SourceNatVerdict TranslateOutboundIcmpError(Span<byte> packet, uint source, Span<byte> icmp)
    {
        if (!TryReadQuoted(icmp, out Span<byte> quoted, out Span<byte> quotedSegment))
        {
            return Drop(SourceNatCounter.Malformed);
        }

        byte protocol = quoted[9];
        if (!TryQuotedFields(protocol, quotedSegment, IcmpEchoReply, out TransportFields fields))
        {
            return Drop(SourceNatCounter.Unsupported);
        }

        uint inside = BinaryPrimitives.ReadUInt32BigEndian(quoted[DestinationOffset..]);
        uint remote = BinaryPrimitives.ReadUInt32BigEndian(quoted[SourceOffset..]);
        ushort insidePort = TransportFields.ReadPort(quotedSegment, fields.DestinationPortOffset);
        ushort remotePort = fields.HasRemotePort ? TransportFields.ReadPort(quotedSegment, fields.SourcePortOffset) : (ushort)0;
        if (!_table.TryPeekInside(protocol, inside, insidePort, remote, remotePort, Now, out NatMapping mapping))
        {
            return Drop(SourceNatCounter.NoConnection);
        }

        RewriteAddress(packet, SourceOffset, source, _translatedAddress);
        RewriteQuoted(icmp, quoted, quotedSegment, fields, DestinationOffset, fields.DestinationPortOffset,
            inside, _translatedAddress, insidePort, mapping.ExternalPort);
        Statistics.Increment(SourceNatCounter.OutboundTranslated);
        Statistics.Increment(SourceNatCounter.IcmpErrorsTranslated);
        return SourceNatVerdict.Translated;
    }

    private static bool TryReadQuoted(Span<byte> icmp, out Span<byte> quoted, out Span<byte> quotedSegment)
    {
        quoted = icmp[IcmpHeaderLength..];
        quotedSegment = default;
        if (quoted.Length < Ipv4Header.MinLength || quoted[0] >> 4 != 4)
        {
            return false;
        }

        int headerLength = (quoted[0] & 0xF) * 4;
        if (headerLength < Ipv4Header.MinLength || quoted.Length < headerLength + QuotedSegmentMinLength)
        {
            return false;
        }

        quotedSegment = quoted[headerLength..];
        return true;
    }

    /// <summary>The quoted packet's layout when it is TCP, UDP or an ICMP echo of the given type.</summary>
    private static bool TryQuotedFields(byte protocol, ReadOnlySpan<byte> quotedSegment, byte echoType, out TransportFields fields)
    {
        fields = protocol != IpProtocol.Icmp || quotedSegment[0] == echoType ? TransportFields.For(protocol) : default;
        return fields.IsMapped;
    }
}
