using System.Net;
using IpsecTun.Core;
using IpsecTun.Crypto;

namespace IpsecTun.Esp.Tests;

/// <summary>
/// Transport mode behind a NAT: the sender's UDP checksum covers its private address, which the NAT has
/// replaced in the IP header by the time the packet is decapsulated (RFC 3948 §3.1.2).
/// </summary>
public class TransportNatChecksumTests
{
    private const string PrivateSource = "192.168.88.10";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Udp_encapsulated_transport_packets_leave_with_a_checksum_over_the_addresses_they_carry(bool ipv6)
    {
        var pair = new PeerPair(Spec(udp: true, ipv6));
        byte[] inner = ChecksummedOverPrivateSource(pair, ipv6);
        Assert.False(ChecksumHolds(inner, ipv6));

        (InboundResult result, byte[] delivered) = pair.Receive(pair.Protect(inner));

        Assert.Equal(InboundVerdict.Deliver, result.Verdict);
        Assert.True(ChecksumHolds(delivered, ipv6));
        Assert.Equal(Payload(inner, ipv6), Payload(delivered, ipv6));
    }

    [Fact]
    public void Raw_esp_transport_packets_keep_their_checksum_untouched()
    {
        var pair = new PeerPair(Spec(udp: false, ipv6: false));
        byte[] inner = ChecksummedOverPrivateSource(pair, ipv6: false);

        (InboundResult result, byte[] delivered) = pair.Receive(pair.Protect(inner));

        Assert.Equal(InboundVerdict.Deliver, result.Verdict);
        Assert.Equal(inner.AsSpan(Ipv4Header.MinLength).ToArray(), delivered.AsSpan(Ipv4Header.MinLength).ToArray());
    }

    [Fact]
    public void An_ipv4_datagram_without_a_checksum_keeps_none()
    {
        var pair = new PeerPair(Spec(udp: true, ipv6: false));
        byte[] inner = pair.InnerPacket(40);
        inner[Ipv4Header.MinLength + 6] = 0;
        inner[Ipv4Header.MinLength + 7] = 0;

        (_, byte[] delivered) = pair.Receive(pair.Protect(inner));

        Assert.Equal(0, delivered[Ipv4Header.MinLength + 6] | delivered[Ipv4Header.MinLength + 7]);
    }

    private static SaSpec Spec(bool udp, bool ipv6) => new()
    {
        Mode = SaMode.Transport,
        Encryption = TransformRegistry.TryGetEncryption("aes-128-gcm", out EncryptionAlgorithm? gcm) ? gcm : throw new InvalidOperationException(),
        Udp = udp,
        LeftPeer = ipv6 ? "2001:db8:1::1" : "198.51.100.1",
        RightPeer = ipv6 ? "2001:db8:2::1" : "203.0.113.1",
    };

    /// <summary>A packet between the SA's addresses whose UDP checksum was computed over a private source address.</summary>
    private static byte[] ChecksummedOverPrivateSource(PeerPair pair, bool ipv6)
    {
        byte[] inner = pair.InnerPacket(57);
        int ipLength = ipv6 ? Ipv6Header.Length : Ipv4Header.MinLength;
        byte[] privateSource = IPAddress.Parse(ipv6 ? "fd00::10" : PrivateSource).GetAddressBytes();
        Assert.True(UdpHeader.TryRead(inner.AsSpan(ipLength), out UdpHeader udp));
        udp.UpdateChecksum(privateSource, Destination(inner, ipv6));
        return inner;
    }

    private static bool ChecksumHolds(byte[] packet, bool ipv6)
    {
        int ipLength = ipv6 ? Ipv6Header.Length : Ipv4Header.MinLength;
        ReadOnlySpan<byte> source = ipv6 ? packet.AsSpan(8, 16) : packet.AsSpan(12, 4);
        ReadOnlySpan<byte> segment = packet.AsSpan(ipLength);
        ulong sum = InternetChecksum.Add(InternetChecksum.PseudoHeader(source, Destination(packet, ipv6), IpProtocol.Udp, segment.Length), segment);
        return InternetChecksum.Fold(sum) == 0xFFFF;
    }

    private static byte[] Destination(byte[] packet, bool ipv6) => (ipv6 ? packet.AsSpan(24, 16) : packet.AsSpan(16, 4)).ToArray();

    private static byte[] Payload(byte[] packet, bool ipv6) => packet.AsSpan((ipv6 ? Ipv6Header.Length : Ipv4Header.MinLength) + UdpHeader.Length).ToArray();
}
