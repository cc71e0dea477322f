using System.Buffers.Binary;
using IpsecTun.Core;
using IpsecTun.Crypto;

namespace IpsecTun.Esp;

public sealed partial class IpsecWorker
{
    /// <summary>
    /// ESP encapsulation in place (RFC 4303 §3.3): the trailer and ICV go into the tailroom, the ESP header,
    /// IV, UDP header (NAT-T) and, in tunnel mode, the outer IP header into the headroom. The payload is
    /// encrypted where it lies.
    /// </summary>
    private OutboundResult ProtectEsp(SecurityAssociation sa, PacketBuffer packet, SecurityPolicy? policy)
    {
        Span<byte> original = packet.Data;
        if (!TryGetNextHeader(original, sa, out int ipHeaderLength, out byte nextHeader))
        {
            return OutboundResult.Dropped(IpsecCounter.OutStateModeErrors, policy, sa);
        }

        EncryptionAlgorithm encryption = sa.Encryption!;
        byte trafficClass = TrafficClassOf(original);
        int payloadLength = original.Length - ipHeaderLength;
        int padLength = EspLayout.PadLength(payloadLength, EspLayout.Alignment(encryption));
        int icvSize = sa.IcvSize;
        int udpLength = sa.Encapsulation is null ? 0 : UdpHeader.Length;
        int outerIpLength = sa.Mode == SaMode.Tunnel ? OuterHeaders.IpHeaderLength(sa.Version) : 0;
        int espPrefix = EspLayout.HeaderLength + encryption.IvSize;
        if (packet.Headroom < outerIpLength + udpLength + espPrefix || packet.Tailroom < padLength + EspLayout.TrailerLength + icvSize)
        {
            return OutboundResult.Dropped(IpsecCounter.OutErrors, policy, sa);
        }

        if (!sa.TryNextSequence(out ulong sequence))
        {
            return OutboundResult.Dropped(IpsecCounter.OutStateSequenceErrors, policy, sa);
        }

        packet.TryAppend(padLength + EspLayout.TrailerLength + icvSize, out Span<byte> tail);
        for (int i = 0; i < padLength; i++)
        {
            tail[i] = (byte)(i + 1);
        }

        tail[padLength] = (byte)padLength;
        tail[padLength + 1] = nextHeader;

        int networkHeaderLength;
        if (sa.Mode == SaMode.Tunnel)
        {
            packet.TryPrepend(outerIpLength + udpLength + espPrefix, out _);
            networkHeaderLength = outerIpLength;
        }
        else
        {
            OpenAfterIpHeader(packet, ipHeaderLength, udpLength + espPrefix);
            networkHeaderLength = ipHeaderLength;
        }

        Span<byte> data = packet.Data;
        Span<byte> esp = data[(networkHeaderLength + udpLength)..];
        BinaryPrimitives.WriteUInt32BigEndian(esp, sa.Spi);
        BinaryPrimitives.WriteUInt32BigEndian(esp[4..], (uint)sequence);
        Span<byte> iv = esp.Slice(EspLayout.HeaderLength, encryption.IvSize);
        if (EspLayout.UsesSequenceAsIv(encryption))
        {
            BinaryPrimitives.WriteUInt64BigEndian(iv, sequence);
        }
        else
        {
            FillRandomIv(iv);
        }

        Encrypt(sa, esp, espPrefix, icvSize, sequence);

        if (sa.Mode == SaMode.Tunnel)
        {
            if (udpLength > 0)
            {
                OuterHeaders.WriteUdp(data[outerIpLength..], sa.SourceBytes, sa.DestinationBytes, sa.Encapsulation!.LocalPort, sa.Encapsulation.RemotePort);
            }

            OuterHeaders.WriteIp(data, sa.SourceBytes, sa.DestinationBytes, udpLength > 0 ? IpProtocol.Udp : IpProtocol.Esp, trafficClass);
        }
        else
        {
            if (udpLength > 0)
            {
                OuterHeaders.WriteUdp(data[ipHeaderLength..], sa.SourceBytes, sa.DestinationBytes, sa.Encapsulation!.LocalPort, sa.Encapsulation.RemotePort);
            }

            FinishIpHeader(data, udpLength > 0 ? IpProtocol.Udp : IpProtocol.Esp);
        }

        sa.Account(payloadLength);
        return new OutboundResult(OutboundVerdict.Send, policy, sa, null, networkHeaderLength);
    }

    /// <summary>Encrypts the ESP packet <paramref name="esp"/> (header to ICV) and writes its ICV.</summary>
    private void Encrypt(SecurityAssociation sa, Span<byte> esp, int prefix, int icvSize, ulong sequence)
    {
        SaCrypto crypto = sa.GetCrypto(_index);
        PacketCipher cipher = crypto.Cipher!;
        int ivSize = cipher.Algorithm.IvSize;
        ReadOnlySpan<byte> iv = esp.Slice(EspLayout.HeaderLength, ivSize);
        Span<byte> payload = esp[prefix..^icvSize];
        Span<byte> icv = esp[^icvSize..];
        if (cipher.Algorithm.IsAead)
        {
            Span<byte> aad = stackalloc byte[12];
            int aadLength = EspLayout.WriteAssociatedData(aad, sa.Spi, sequence, sa.ExtendedSequenceNumbers);
            cipher.Encrypt(iv, aad[..aadLength], payload, icv);
            return;
        }

        cipher.Encrypt(iv, default, payload, default);
        if (crypto.Authenticator is { } authenticator)
        {
            authenticator.Append(esp[..^icvSize]);
            AppendHighSequence(authenticator, sa, sequence);
            authenticator.Finish(icv);
        }
    }

    /// <summary>With ESN the high 32 bits enter the ICV after the packet without being sent (RFC 4303 §2.2.1, RFC 4302 §2.5.1).</summary>
    private static void AppendHighSequence(PacketAuthenticator authenticator, SecurityAssociation sa, ulong sequence)
    {
        if (sa.ExtendedSequenceNumbers)
        {
            Span<byte> high = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(high, (uint)(sequence >> 32));
            authenticator.Append(high);
        }
    }

    /// <summary>
    /// CBC IVs must be unpredictable (RFC 3602 §2.3). They are taken from a block of CSPRNG output that is
    /// refilled when used up: one call to the generator per few hundred packets instead of one each.
    /// IVs travel in the clear, so the block holds nothing secret.
    /// </summary>
    private void FillRandomIv(Span<byte> iv)
    {
        if (_ivOffset + iv.Length > _ivBlock.Length)
        {
            _random.Fill(_ivBlock);
            _ivOffset = 0;
        }

        _ivBlock.AsSpan(_ivOffset, iv.Length).CopyTo(iv);
        _ivOffset += iv.Length;
    }
}
