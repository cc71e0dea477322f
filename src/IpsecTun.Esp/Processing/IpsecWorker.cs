using IpsecTun.Core;
using IpsecTun.Crypto;

namespace IpsecTun.Esp;

/// <summary>
/// The per-packet datapath of one worker thread: outbound policy lookup and ESP/AH encapsulation,
/// inbound demultiplexing, replay check, decapsulation and policy check. Packets are changed in place in
/// their buffers; only headers move. Every drop is counted once in <see cref="Statistics"/> under the
/// manual's name and reported in the result; nothing is allocated and no exception escapes per packet.
/// Several workers share the databases and statistics; each worker is used by one thread and owns the
/// keyed transforms of its index in every SA.
/// </summary>
public sealed partial class IpsecWorker
{
    private readonly SecurityPolicyDatabase _spd;
    private readonly SecurityAssociationDatabase _sad;
    private readonly RandomSource _random;
    private readonly int _index;
    private const int IvBlockSize = 4096;

    private readonly byte[] _ivBlock = new byte[IvBlockSize];
    private int _ivOffset = IvBlockSize;
    private PolicyIndex? _cachedIndex;
    private FlowKey _cachedKey;
    private SecurityPolicy? _cachedPolicy;

    /// <param name="index">This worker's slot, below <see cref="SecurityAssociationDatabase.WorkerCount"/>.</param>
    /// <param name="spd">The policy table, shared by all workers.</param>
    /// <param name="sad">The SA database, shared by all workers.</param>
    /// <param name="statistics">The counters, shared by all workers.</param>
    /// <param name="random">Where CBC IVs come from.</param>
    public IpsecWorker(int index, SecurityPolicyDatabase spd, SecurityAssociationDatabase sad, IpsecStatistics statistics, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(spd);
        ArgumentNullException.ThrowIfNull(sad);
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, sad.WorkerCount);
        _index = index;
        _spd = spd;
        _sad = sad;
        _random = random;
        Statistics = statistics;
    }

    public IpsecStatistics Statistics { get; }

    /// <summary>
    /// The MTU of the adapter the inner packets come from and go to, 0 when there is none: TCP SYNs in
    /// either direction are clamped to fit it as well as the SA's inner MTU, since a host behind this one
    /// announces an MSS for its own link.
    /// </summary>
    public int AdapterMtu { get; init; }

    /// <summary>The UDP port whose datagrams are NAT-T (ESP, IKE or keepalive).</summary>
    public ushort NatTraversalPort { get; init; } = UdpEncapsulation.NatTraversalPort;

    /// <summary>Looks up the policy of an IP packet from the adapter and protects it in place when it says encrypt.</summary>
    public OutboundResult ProcessOutbound(PacketBuffer packet)
    {
        OutboundResult result;
        try
        {
            result = Outbound(packet);
        }
#pragma warning disable CA1031 // the per-packet loop must survive a defect in one transform: count and drop
        catch (Exception)
#pragma warning restore CA1031
        {
            result = OutboundResult.Dropped(IpsecCounter.OutErrors);
        }

        Count(result.DropReason);
        return result;
    }

    /// <summary>Processes a batch; <paramref name="results"/> receives one result per packet.</summary>
    public void ProcessOutbound(ReadOnlySpan<PacketBuffer> packets, Span<OutboundResult> results)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(results.Length, packets.Length);
        for (int i = 0; i < packets.Length; i++)
        {
            results[i] = ProcessOutbound(packets[i]);
        }
    }

    /// <summary>Protects a packet with a given SA, skipping the policy lookup (the SA's tunnel already decided).</summary>
    public OutboundResult Protect(SecurityAssociation sa, PacketBuffer packet)
    {
        ArgumentNullException.ThrowIfNull(sa);
        OutboundResult result;
        try
        {
            result = ProtectWith(sa, packet, sa.Policy);
        }
#pragma warning disable CA1031 // see ProcessOutbound
        catch (Exception)
#pragma warning restore CA1031
        {
            result = OutboundResult.Dropped(IpsecCounter.OutErrors, sa.Policy, sa);
        }

        Count(result.DropReason);
        return result;
    }

    /// <summary>
    /// Processes a received IP datagram: raw ESP, AH, or UDP on the NAT-T port. On
    /// <see cref="InboundVerdict.Deliver"/> the buffer holds the inner IP packet.
    /// </summary>
    public InboundResult ProcessInbound(PacketBuffer packet)
    {
        InboundResult result;
        try
        {
            result = Inbound(packet);
        }
#pragma warning disable CA1031 // see ProcessOutbound
        catch (Exception)
#pragma warning restore CA1031
        {
            result = InboundResult.Dropped(IpsecCounter.InErrors);
        }

        if (result is { Verdict: InboundVerdict.Deliver, Sa.InnerMtu: > 0 })
        {
            ClampMss(result.Sa, packet.Data);
        }

        Count(result.DropReason);
        return result;
    }

    public void ProcessInbound(ReadOnlySpan<PacketBuffer> packets, Span<InboundResult> results)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(results.Length, packets.Length);
        for (int i = 0; i < packets.Length; i++)
        {
            results[i] = ProcessInbound(packets[i]);
        }
    }

    /// <summary>
    /// Checks an unprotected packet that arrived from the network against the policies: one that an
    /// encrypt policy (level require or unique) covers must not be accepted in the clear.
    /// </summary>
    public InboundResult CheckPlaintext(PacketBuffer packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        InboundResult result;
        if (!FlowKey.TryRead(packet.Data, out FlowKey key))
        {
            result = InboundResult.Dropped(IpsecCounter.InHeaderErrors);
        }
        else
        {
            SecurityPolicy? policy = _spd.FindInbound(key);
            result = policy switch
            {
                { Action: PolicyAction.Discard } => InboundResult.Dropped(IpsecCounter.InPolicyBlocked),
                { Action: PolicyAction.Encrypt, Level: not PolicyLevel.Use } => InboundResult.Dropped(IpsecCounter.InTemplateMismatches),
                _ => new InboundResult(InboundVerdict.Deliver, null, null),
            };
        }

        Count(result.DropReason);
        return result;
    }

    private void Count(IpsecCounter? reason)
    {
        if (reason is IpsecCounter counter)
        {
            Statistics.Increment(counter);
        }
    }

    private OutboundResult Outbound(PacketBuffer packet)
    {
        if (!FlowKey.TryRead(packet.Data, out FlowKey key))
        {
            return OutboundResult.Dropped(IpsecCounter.OutErrors);
        }

        SecurityPolicy? policy = FindOutbound(key);
        if (policy is null || policy.Action == PolicyAction.None)
        {
            return new OutboundResult(OutboundVerdict.Bypass, policy, null, null, 0);
        }

        if (policy.Action == PolicyAction.Discard)
        {
            return OutboundResult.Dropped(IpsecCounter.OutPolicyBlocked, policy);
        }

        SecurityAssociation? sa = policy.OutboundSa;
        if (sa is null || !sa.IsUsable)
        {
            if (policy.Level == PolicyLevel.Use)
            {
                return new OutboundResult(OutboundVerdict.Bypass, policy, null, null, 0);
            }

            return sa is { State: SaState.Dead }
                ? OutboundResult.Dropped(IpsecCounter.OutStateExpired, policy, sa)
                : new OutboundResult(OutboundVerdict.Acquire, policy, null, IpsecCounter.OutNoStates, 0);
        }

        if (sa.InnerMtu > 0)
        {
            if (MustNotFragment(sa, packet.Data))
            {
                return new OutboundResult(OutboundVerdict.TooBig, policy, sa, null, 0);
            }

            ClampMss(sa, packet.Data);
        }

        return ProtectWith(sa, packet, policy);
    }

    /// <summary>
    /// The outbound policy, remembered for the last flow: packets of one flow tend to come in runs, and the
    /// index object changes with every change to the table, so a hit is always current.
    /// </summary>
    private SecurityPolicy? FindOutbound(in FlowKey key)
    {
        PolicyIndex index = _spd.GetIndex();
        if (!ReferenceEquals(index, _cachedIndex) || !key.Equals(_cachedKey))
        {
            _cachedPolicy = index.Find(key);
            _cachedKey = key;
            _cachedIndex = index;
        }

        return _cachedPolicy;
    }

    private OutboundResult ProtectWith(SecurityAssociation sa, PacketBuffer packet, SecurityPolicy? policy)
    {
        if (sa.Direction != SaDirection.Outbound)
        {
            return OutboundResult.Dropped(IpsecCounter.OutErrors, policy, sa);
        }

        if (!sa.IsUsable)
        {
            return OutboundResult.Dropped(sa.State == SaState.Dead ? IpsecCounter.OutStateExpired : IpsecCounter.OutNoStates, policy, sa);
        }

        return sa.Protocol == IpsecProtocols.Ah ? ProtectAh(sa, packet, policy) : ProtectEsp(sa, packet, policy);
    }

    private InboundResult Inbound(PacketBuffer packet)
    {
        Span<byte> data = packet.Data;
        if (data.IsEmpty)
        {
            return InboundResult.Dropped(IpsecCounter.InHeaderErrors);
        }

        int ipHeaderLength;
        byte protocol;
        if (data[0] >> 4 == 4)
        {
            if (!Ipv4Header.TryRead(data, out Ipv4Header ip) || !ip.IsChecksumValid || ip.IsFragment)
            {
                return InboundResult.Dropped(IpsecCounter.InHeaderErrors);
            }

            ipHeaderLength = ip.HeaderLength;
            protocol = ip.Protocol;
            packet.TryTrimEnd(data.Length - ip.TotalLength);
        }
        else if (data[0] >> 4 == 6)
        {
            if (!Ipv6Header.TryRead(data, out Ipv6Header ip))
            {
                return InboundResult.Dropped(IpsecCounter.InHeaderErrors);
            }

            ipHeaderLength = Ipv6Header.Length;
            protocol = ip.NextHeader;
            packet.TryTrimEnd(data.Length - ip.TotalLength);
        }
        else
        {
            return InboundResult.Dropped(IpsecCounter.InHeaderErrors);
        }

        switch (protocol)
        {
            case IpProtocol.Esp:
                return ReceiveEsp(packet, ipHeaderLength, ipHeaderLength, udp: false);
            case IpProtocol.Ah:
                return ReceiveAh(packet, ipHeaderLength);
            case IpProtocol.Udp:
                return ReceiveUdp(packet, ipHeaderLength);
            default:
                return new InboundResult(InboundVerdict.NotIpsec, null, null);
        }
    }

    private InboundResult ReceiveUdp(PacketBuffer packet, int ipHeaderLength)
    {
        Span<byte> datagram = packet.Data[ipHeaderLength..];
        if (!UdpHeader.TryRead(datagram, out UdpHeader udp) || udp.DatagramLength != datagram.Length)
        {
            return InboundResult.Dropped(IpsecCounter.InHeaderErrors);
        }

        if (udp.DestinationPort != NatTraversalPort)
        {
            return new InboundResult(InboundVerdict.NotIpsec, null, null);
        }

        if (udp.Checksum != 0 && !IsUdpChecksumValid(packet.Data, ipHeaderLength))
        {
            return InboundResult.Dropped(IpsecCounter.InHeaderErrors);
        }

        return NatTraversal.Classify(udp.Payload) switch
        {
            UdpPayloadKind.Esp => ReceiveEsp(packet, ipHeaderLength, ipHeaderLength + UdpHeader.Length, udp: true),
            UdpPayloadKind.Ike => new InboundResult(InboundVerdict.Ike, null, null),
            UdpPayloadKind.Keepalive => new InboundResult(InboundVerdict.Keepalive, null, null),
            _ => InboundResult.Dropped(IpsecCounter.InHeaderErrors),
        };
    }

    /// <summary>A zero UDP checksum means none (IPv4, and IPv6 tunnels per RFC 6935); any other value must verify.</summary>
    private static bool IsUdpChecksumValid(ReadOnlySpan<byte> packet, int ipHeaderLength)
    {
        int addressLength = packet[0] >> 4 == 4 ? Ipv4Header.AddressLength : Ipv6Header.AddressLength;
        int sourceOffset = addressLength == Ipv4Header.AddressLength ? 12 : 8;
        ReadOnlySpan<byte> datagram = packet[ipHeaderLength..];
        ulong sum = InternetChecksum.PseudoHeader(
            packet.Slice(sourceOffset, addressLength), packet.Slice(sourceOffset + addressLength, addressLength), IpProtocol.Udp, datagram.Length);
        return InternetChecksum.Fold(InternetChecksum.Add(sum, datagram)) == 0xFFFF;
    }

    /// <summary>
    /// The outer addresses must be the SA's (in-no-states names a wrong address as well as a wrong SPI). The
    /// source is not checked under UDP encapsulation, where a NAT may rewrite it.
    /// </summary>
    private static bool AddressesMatch(ReadOnlySpan<byte> packet, SecurityAssociation sa, bool checkSource)
    {
        int addressLength = sa.DestinationBytes.Length;
        if ((packet[0] >> 4 == 4) != (addressLength == Ipv4Header.AddressLength))
        {
            return false;
        }

        int sourceOffset = addressLength == Ipv4Header.AddressLength ? 12 : 8;
        return packet.Slice(sourceOffset + addressLength, addressLength).SequenceEqual(sa.DestinationBytes)
            && (!checkSource || packet.Slice(sourceOffset, addressLength).SequenceEqual(sa.SourceBytes));
    }
}
