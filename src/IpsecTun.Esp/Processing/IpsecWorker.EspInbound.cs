using System.Buffers.Binary;
using IpsecTun.Core;
using IpsecTun.Crypto;

namespace IpsecTun.Esp;

public sealed partial class IpsecWorker
{
    /// <summary>
    /// ESP decapsulation in place (RFC 4303 §3.4): SA lookup, length checks, replay check, ICV check and
    /// decryption, replay window update, trailer check, then the headers are dropped by moving the bounds
    /// (tunnel) or the IP header (transport), and the result is checked against the policies.
    /// </summary>
    private InboundResult ReceiveEsp(PacketBuffer packet, int ipHeaderLength, int espOffset, bool udp)
    {
        Span<byte> esp = packet.Data[espOffset..];
        if (esp.Length < EspLayout.HeaderLength)
        {
            return InboundResult.Dropped(IpsecCounter.InHeaderErrors);
        }

        uint spi = BinaryPrimitives.ReadUInt32BigEndian(esp);
        if (!_sad.TryGetInbound(spi, out SecurityAssociation? sa) || sa.Protocol != IpsecProtocols.Esp
            || (sa.State != SaState.Larval && !AddressesMatch(packet.Data, sa, checkSource: !udp)))
        {
            return InboundResult.Dropped(IpsecCounter.InNoStates);
        }

        if (CheckState(sa) is IpsecCounter stateError)
        {
            return InboundResult.Dropped(stateError, sa);
        }

        if ((sa.Encapsulation is not null) != udp)
        {
            return InboundResult.Dropped(IpsecCounter.InStateMismatches, sa);
        }

        EncryptionAlgorithm encryption = sa.Encryption!;
        int icvSize = sa.IcvSize;
        int prefix = EspLayout.HeaderLength + encryption.IvSize;
        int encryptedLength = esp.Length - prefix - icvSize;
        if (encryptedLength < EspLayout.TrailerLength || encryptedLength % EspLayout.Alignment(encryption) != 0)
        {
            return InboundResult.Dropped(IpsecCounter.InStateProtocolErrors, sa);
        }

        uint low = BinaryPrimitives.ReadUInt32BigEndian(esp[4..]);
        ulong sequence = low;
        if (sa.Window is { } window && !window.TryCheck(low, out sequence))
        {
            return InboundResult.Dropped(IpsecCounter.InStateSequenceErrors, sa);
        }

        if (!TryDecrypt(sa, esp, prefix, icvSize, sequence))
        {
            return InboundResult.Dropped(IpsecCounter.InStateProtocolErrors, sa);
        }

        if (sa.Window is { } accepted && !accepted.TryAccept(sequence))
        {
            return InboundResult.Dropped(IpsecCounter.InStateSequenceErrors, sa);
        }

        Span<byte> plaintext = esp.Slice(prefix, encryptedLength);
        int padLength = plaintext[^2];
        byte nextHeader = plaintext[^1];
        if (padLength + EspLayout.TrailerLength > encryptedLength || !IsDefaultPadding(plaintext.Slice(encryptedLength - EspLayout.TrailerLength - padLength, padLength)))
        {
            return InboundResult.Dropped(IpsecCounter.InStateProtocolErrors, sa);
        }

        int payloadLength = encryptedLength - EspLayout.TrailerLength - padLength;
        sa.Account(payloadLength);
        if (nextHeader == IpProtocol.NoNextHeader)
        {
            return new InboundResult(InboundVerdict.Drop, sa, null); // a dummy packet for traffic flow confidentiality (§2.6)
        }

        packet.TryTrimEnd(padLength + EspLayout.TrailerLength + icvSize);
        if (sa.Mode == SaMode.Tunnel)
        {
            if (nextHeader is not (IpProtocol.Ipv4 or IpProtocol.Ipv6))
            {
                return InboundResult.Dropped(IpsecCounter.InStateModeErrors, sa);
            }

            packet.TryTrimFront(espOffset + prefix);
            return AcceptTunnelled(sa, packet, nextHeader);
        }

        CloseAfterIpHeader(packet, ipHeaderLength, espOffset - ipHeaderLength + prefix);
        FinishIpHeader(packet.Data, nextHeader);
        if (udp)
        {
            RepairTransportChecksum(packet.Data, ipHeaderLength, nextHeader);
        }

        return CheckPolicy(sa, packet);
    }

    private static IpsecCounter? CheckState(SecurityAssociation sa) => sa.State switch
    {
        SaState.Larval => IpsecCounter.InStateInvalid,
        SaState.Dead => IpsecCounter.InStateExpired,
        _ => null,
    };

    /// <summary>Checks the ICV and decrypts in place; false on any failure, with nothing revealed about which.</summary>
    private bool TryDecrypt(SecurityAssociation sa, Span<byte> esp, int prefix, int icvSize, ulong sequence)
    {
        SaCrypto crypto = sa.GetCrypto(_index);
        PacketCipher cipher = crypto.Cipher!;
        ReadOnlySpan<byte> iv = esp.Slice(EspLayout.HeaderLength, cipher.Algorithm.IvSize);
        Span<byte> payload = esp[prefix..^icvSize];
        ReadOnlySpan<byte> icv = esp[^icvSize..];
        if (cipher.Algorithm.IsAead)
        {
            Span<byte> aad = stackalloc byte[12];
            int aadLength = EspLayout.WriteAssociatedData(aad, sa.Spi, sequence, sa.ExtendedSequenceNumbers);
            return cipher.TryDecrypt(iv, aad[..aadLength], payload, icv);
        }

        if (crypto.Authenticator is { } authenticator)
        {
            authenticator.Append(esp[..^icvSize]);
            AppendHighSequence(authenticator, sa, sequence);
            if (!authenticator.Verify(icv))
            {
                return false;
            }
        }

        return cipher.TryDecrypt(iv, default, payload, default);
    }

    /// <summary>RFC 4303 §2.4: the default padding is 1, 2, 3, ...; the receiver checks it.</summary>
    private static bool IsDefaultPadding(ReadOnlySpan<byte> padding)
    {
        for (int i = 0; i < padding.Length; i++)
        {
            if (padding[i] != (byte)(i + 1))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Checks that a tunnelled inner packet is a well-formed IP packet of the announced version, then the policy.</summary>
    private InboundResult AcceptTunnelled(SecurityAssociation sa, PacketBuffer packet, byte nextHeader)
    {
        Span<byte> inner = packet.Data;
        int innerLength;
        if (nextHeader == IpProtocol.Ipv4 && Ipv4Header.TryRead(inner, out Ipv4Header ip4))
        {
            innerLength = ip4.TotalLength;
        }
        else if (nextHeader == IpProtocol.Ipv6 && Ipv6Header.TryRead(inner, out Ipv6Header ip6))
        {
            innerLength = ip6.TotalLength;
        }
        else
        {
            return InboundResult.Dropped(IpsecCounter.InStateModeErrors, sa);
        }

        packet.TryTrimEnd(inner.Length - innerLength); // TFC padding after the inner packet (RFC 4303 §2.7)
        return CheckPolicy(sa, packet);
    }
}
