using System.Buffers.Binary;
using System.Net;
using IpsecTun.Core;

namespace IpsecTun.Esp;

/// <summary>
/// Dynamic source NAT for a mode-config client with a src-address-list: IPv4 packets from the inside
/// networks leave with the virtual address as their source, and replies are rewritten back to the inside
/// host. TCP and UDP are mapped by port, ICMP echo by query id, ICMP errors by the packet they quote.
/// Ports are kept unless two inside hosts would share one towards the same remote endpoint. Checksums are
/// updated incrementally (RFC 1624). IPv6 passes unchanged.
/// </summary>
/// <remarks>
/// One translator is shared by all workers; see <see cref="NatConnectionTable"/> for its locking. Per packet
/// it neither allocates nor throws: a packet it cannot translate is reported as <see cref="SourceNatVerdict.Dropped"/>
/// and counted. Time comes from the given <see cref="TimeProvider"/>; expired connections are removed when
/// met and by <see cref="RemoveExpired"/>, which the owner calls from its timer.
/// IP fragments are not mapped (they carry no ports): from inside hosts they are dropped, to the virtual
/// address they pass unchanged to the endpoint's own host.
/// </remarks>
public sealed partial class SourceNatTranslator
{
    private const byte IcmpEchoReply = 0;
    private const byte IcmpEchoRequest = 8;
    private const int SourceOffset = 12;
    private const int DestinationOffset = 16;
    private const int IpChecksumOffset = 10;
    private const int IcmpHeaderLength = 8;

    private readonly NatConnectionTable _table;
    private readonly IpPrefix[] _insideNetworks;
    private readonly IpPrefix[] _destinations;
    private readonly uint _translatedAddress;
    private readonly TimeProvider _time;

    public SourceNatTranslator(SourceNatSettings settings, TimeProvider time)
        : this(settings, time, new SourceNatStatistics())
    {
    }

    /// <summary>A translator counting into <paramref name="statistics"/>: translators that replace one another can share them, so totals survive.</summary>
    public SourceNatTranslator(SourceNatSettings settings, TimeProvider time, SourceNatStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(statistics);
        if (IpAddressBits.VersionOf(settings.TranslatedAddress) != 4 || settings.InsideNetworks.Any(n => n.Version != 4))
        {
            throw new ArgumentException("Source NAT translates IPv4 only: the address and the inside networks must be IPv4.", nameof(settings));
        }

        _insideNetworks = [.. settings.InsideNetworks];
        _destinations = [.. settings.Destinations.Where(n => n.Version == 4)];
        _translatedAddress = (uint)IpAddressBits.FromIPAddress(settings.TranslatedAddress);
        _time = time;
        Statistics = statistics;
        _table = new NatConnectionTable(settings, Statistics);
    }

    public SourceNatStatistics Statistics { get; }

    /// <summary>The virtual address packets leave with.</summary>
    public IPAddress TranslatedAddress => IpAddressBits.ToIPAddress(4, _translatedAddress);

    public int ConnectionCount => _table.Count;

    private long Now => _time.GetUtcNow().UtcTicks;

    public int RemoveExpired() => _table.RemoveExpired(Now);

    /// <summary>Translates a packet read from the local side before it is matched against the policies.</summary>
    public SourceNatVerdict TranslateOutbound(Span<byte> packet)
    {
        if (packet.IsEmpty || packet[0] >> 4 != 4)
        {
            return SourceNatVerdict.Unchanged;
        }

        if (!Ipv4Header.TryRead(packet, out Ipv4Header ip))
        {
            return Drop(SourceNatCounter.Malformed);
        }

        uint source = BinaryPrimitives.ReadUInt32BigEndian(ip.Source);
        uint destination = BinaryPrimitives.ReadUInt32BigEndian(ip.Destination);
        if (!IsInside(source) || !IsTranslatedDestination(destination))
        {
            return SourceNatVerdict.Unchanged;
        }

        if (ip.IsFragment)
        {
            return Drop(SourceNatCounter.Fragments);
        }

        Span<byte> segment = ip.Payload;
        byte protocol = ip.Protocol;
        if (!TransportFields.TryLocate(protocol, segment, out TransportFields fields))
        {
            return Drop(SourceNatCounter.Malformed);
        }

        if (protocol == IpProtocol.Icmp && segment[0] != IcmpEchoRequest)
        {
            return IsIcmpError(segment[0]) ? TranslateOutboundIcmpError(packet, source, segment) : Drop(SourceNatCounter.Unsupported);
        }

        if (!fields.IsMapped)
        {
            return Drop(SourceNatCounter.Unsupported);
        }

        ushort insidePort = TransportFields.ReadPort(segment, fields.SourcePortOffset);
        ushort remotePort = fields.HasRemotePort ? TransportFields.ReadPort(segment, fields.DestinationPortOffset) : (ushort)0;
        if (_table.Outbound(protocol, source, insidePort, destination, remotePort, fields.TcpFlags(segment), Now, out NatMapping mapping)
            != NatLookupResult.Found)
        {
            return SourceNatVerdict.Dropped;
        }

        RewriteAddress(packet, SourceOffset, source, _translatedAddress);
        RewriteTransport(fields, segment, fields.SourcePortOffset, insidePort, mapping.ExternalPort, source, _translatedAddress);
        Statistics.Increment(SourceNatCounter.OutboundTranslated);
        return SourceNatVerdict.Translated;
    }

    /// <summary>Translates a packet after decapsulation, before it is written to the local side.</summary>
    public SourceNatVerdict TranslateInbound(Span<byte> packet)
    {
        if (packet.IsEmpty || packet[0] >> 4 != 4)
        {
            return SourceNatVerdict.Unchanged;
        }

        if (!Ipv4Header.TryRead(packet, out Ipv4Header ip))
        {
            return Drop(SourceNatCounter.Malformed);
        }

        if (BinaryPrimitives.ReadUInt32BigEndian(ip.Destination) != _translatedAddress || ip.IsFragment)
        {
            return SourceNatVerdict.Unchanged;
        }

        Span<byte> segment = ip.Payload;
        byte protocol = ip.Protocol;
        if (!TransportFields.TryLocate(protocol, segment, out TransportFields fields))
        {
            return Drop(SourceNatCounter.Malformed);
        }

        if (!fields.IsMapped)
        {
            return SourceNatVerdict.Unchanged;
        }

        if (protocol == IpProtocol.Icmp && segment[0] != IcmpEchoReply)
        {
            return IsIcmpError(segment[0]) ? TranslateInboundIcmpError(packet, segment) : SourceNatVerdict.Unchanged;
        }

        // Replies swap the ends: the external port is the destination, the remote's port the source.
        uint remote = BinaryPrimitives.ReadUInt32BigEndian(ip.Source);
        int externalPortOffset = fields.DestinationPortOffset;
        ushort externalPort = TransportFields.ReadPort(segment, externalPortOffset);
        ushort remotePort = fields.HasRemotePort ? TransportFields.ReadPort(segment, fields.SourcePortOffset) : (ushort)0;
        if (_table.Inbound(protocol, remote, remotePort, externalPort, fields.TcpFlags(segment), Now, out NatMapping mapping)
            != NatLookupResult.Found)
        {
            return SourceNatVerdict.Unchanged;
        }

        RewriteAddress(packet, DestinationOffset, _translatedAddress, mapping.InsideAddress);
        RewriteTransport(fields, segment, externalPortOffset, externalPort, mapping.InsidePort, _translatedAddress, mapping.InsideAddress);
        Statistics.Increment(SourceNatCounter.InboundTranslated);
        return SourceNatVerdict.Translated;
    }

    private bool IsInside(uint address) => AnyContains(_insideNetworks, address);

    /// <summary>Traffic among the inside networks stays local; beyond them, the split-include networks when there are some.</summary>
    private bool IsTranslatedDestination(uint address) =>
        !IsInside(address) && (_destinations.Length == 0 || AnyContains(_destinations, address));

    private static bool AnyContains(IpPrefix[] networks, uint address)
    {
        foreach (IpPrefix network in networks)
        {
            if (network.Contains(4, address))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsIcmpError(byte type) => type is 3 or 4 or 11 or 12; // unreachable, source quench, time exceeded, parameter problem

    private SourceNatVerdict Drop(SourceNatCounter reason)
    {
        Statistics.Increment(reason);
        return SourceNatVerdict.Dropped;
    }
}
