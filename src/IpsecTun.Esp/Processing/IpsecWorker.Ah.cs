using System.Buffers.Binary;
using IpsecTun.Core;
using IpsecTun.Crypto;

namespace IpsecTun.Esp;

public sealed partial class IpsecWorker
{
    /// <summary>AH encapsulation in place (RFC 4302 §3): the ICV covers the whole outer packet with its mutable fields zeroed.</summary>
    private OutboundResult ProtectAh(SecurityAssociation sa, PacketBuffer packet, SecurityPolicy? policy)
    {
        Span<byte> original = packet.Data;
        if (!TryGetNextHeader(original, sa, out int transportHeaderLength, out byte nextHeader))
        {
            return OutboundResult.Dropped(IpsecCounter.OutStateModeErrors, policy, sa);
        }

        int ipHeaderLength = sa.Mode == SaMode.Tunnel ? OuterHeaders.IpHeaderLength(sa.Version) : transportHeaderLength;

        int icvSize = sa.IcvSize;
        int ahLength = AhLayout.HeaderLength(icvSize, sa.Version);
        int needed = sa.Mode == SaMode.Tunnel ? ipHeaderLength + ahLength : ahLength;
        if (packet.Headroom < needed)
        {
            return OutboundResult.Dropped(IpsecCounter.OutErrors, policy, sa);
        }

        if (!sa.TryNextSequence(out ulong sequence))
        {
            return OutboundResult.Dropped(IpsecCounter.OutStateSequenceErrors, policy, sa);
        }

        byte trafficClass = TrafficClassOf(original);
        int payloadLength = original.Length - transportHeaderLength;
        if (sa.Mode == SaMode.Tunnel)
        {
            packet.TryPrepend(needed, out _);
            OuterHeaders.WriteIp(packet.Data, sa.SourceBytes, sa.DestinationBytes, IpProtocol.Ah, trafficClass);
        }
        else
        {
            OpenAfterIpHeader(packet, ipHeaderLength, ahLength);
            FinishIpHeader(packet.Data, IpProtocol.Ah);
        }

        Span<byte> data = packet.Data;
        Span<byte> ah = data.Slice(ipHeaderLength, ahLength);
        ah[0] = nextHeader;
        ah[1] = AhLayout.PayloadLength(ahLength);
        ah[2] = 0;
        ah[3] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(ah[4..], sa.Spi);
        BinaryPrimitives.WriteUInt32BigEndian(ah[8..], (uint)sequence);
        Span<byte> icvField = ah[AhLayout.FixedLength..];
        icvField.Clear();

        PacketAuthenticator authenticator = AppendAhInput(sa, data, sequence);
        authenticator.Finish(icvField[..icvSize]);

        sa.Account(payloadLength);
        return new OutboundResult(OutboundVerdict.Send, policy, sa, null, ipHeaderLength);
    }

    /// <summary>AH decapsulation in place (RFC 4302 §3.4).</summary>
    private InboundResult ReceiveAh(PacketBuffer packet, int ipHeaderLength)
    {
        Span<byte> data = packet.Data;
        if (data[0] >> 4 == 4 && ipHeaderLength != Ipv4Header.MinLength)
        {
            return InboundResult.Dropped(IpsecCounter.InHeaderErrors); // options would need per-option mutability rules
        }

        Span<byte> rest = data[ipHeaderLength..];
        if (rest.Length < AhLayout.FixedLength || AhLayout.HeaderLengthOf(rest[1]) > rest.Length)
        {
            return InboundResult.Dropped(IpsecCounter.InHeaderErrors);
        }

        int ahLength = AhLayout.HeaderLengthOf(rest[1]);
        Span<byte> ah = rest[..ahLength];
        uint spi = BinaryPrimitives.ReadUInt32BigEndian(ah[4..]);
        if (!_sad.TryGetInbound(spi, out SecurityAssociation? sa) || sa.Protocol != IpsecProtocols.Ah
            || (sa.State != SaState.Larval && !AddressesMatch(data, sa, checkSource: true)))
        {
            return InboundResult.Dropped(IpsecCounter.InNoStates);
        }

        if (CheckState(sa) is IpsecCounter stateError)
        {
            return InboundResult.Dropped(stateError, sa);
        }

        int icvSize = sa.IcvSize;
        if (ahLength != AhLayout.HeaderLength(icvSize, (byte)(data[0] >> 4)))
        {
            return InboundResult.Dropped(IpsecCounter.InStateProtocolErrors, sa);
        }

        uint low = BinaryPrimitives.ReadUInt32BigEndian(ah[8..]);
        ulong sequence = low;
        if (sa.Window is { } window && !window.TryCheck(low, out sequence))
        {
            return InboundResult.Dropped(IpsecCounter.InStateSequenceErrors, sa);
        }

        Span<byte> received = stackalloc byte[64];
        Span<byte> icvField = ah[AhLayout.FixedLength..];
        icvField.CopyTo(received);
        icvField.Clear();
        if (!AppendAhInput(sa, data, sequence).Verify(received[..icvSize]))
        {
            return InboundResult.Dropped(IpsecCounter.InStateProtocolErrors, sa);
        }

        if (sa.Window is { } accepted && !accepted.TryAccept(sequence))
        {
            return InboundResult.Dropped(IpsecCounter.InStateSequenceErrors, sa);
        }

        byte nextHeader = ah[0];
        sa.Account(rest.Length - ahLength);
        if (sa.Mode == SaMode.Tunnel)
        {
            if (nextHeader is not (IpProtocol.Ipv4 or IpProtocol.Ipv6))
            {
                return InboundResult.Dropped(IpsecCounter.InStateModeErrors, sa);
            }

            packet.TryTrimFront(ipHeaderLength + ahLength);
            return AcceptTunnelled(sa, packet, nextHeader);
        }

        CloseAfterIpHeader(packet, ipHeaderLength, ahLength);
        FinishIpHeader(packet.Data, nextHeader);
        return CheckPolicy(sa, packet);
    }

    /// <summary>
    /// Feeds the packet to the SA's authenticator as the ICV sees it: mutable IP fields and the ICV field
    /// zeroed (the caller clears the latter), then with ESN the high sequence bits.
    /// </summary>
    private PacketAuthenticator AppendAhInput(SecurityAssociation sa, Span<byte> packet, ulong sequence)
    {
        PacketAuthenticator authenticator = sa.GetCrypto(_index).Authenticator!;
        ulong mutable = AhLayout.SaveMutable(packet);
        AhLayout.ZeroMutable(packet);
        authenticator.Append(packet);
        AhLayout.RestoreMutable(packet, mutable);
        AppendHighSequence(authenticator, sa, sequence);
        return authenticator;
    }
}
