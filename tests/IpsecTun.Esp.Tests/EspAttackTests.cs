using System.Buffers.Binary;
using IpsecTun.Core;
using IpsecTun.Crypto;

namespace IpsecTun.Esp.Tests;

/// <summary>Hostile and broken packets: each is dropped, counted once under the right name, and nothing throws.</summary>
public class EspAttackTests
{
    public static TheoryData<string, string, bool> Suites() => new()
    {
        { "aes-128-gcm", "", false },
        { "aes-256-cbc", "sha256", false },
        { "chacha20poly1305", "", true },
        { "aes-128-ctr", "sha1", true },
    };

    private static PeerPair Pair(string encryption, string integrity, bool udp = false, bool ipv6 = false, bool esn = false)
    {
        SaSpec spec = EspRoundTripTests.Spec(encryption, integrity) with { Udp = udp, Esn = esn };
        return new PeerPair(ipv6 ? spec with { LeftPeer = "2001:db8::1", RightPeer = "2001:db8:ffff::1" } : spec);
    }

    private static void AssertDropped(PeerPair pair, byte[] wire, IpsecCounter expected)
    {
        long before = pair.RightStatistics.Total;
        var (result, _) = pair.Receive(wire);

        Assert.Equal(InboundVerdict.Drop, result.Verdict);
        Assert.Equal(expected, result.DropReason);
        Assert.Equal(1, pair.RightStatistics.Total - before);
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void Replayed_packet_is_a_sequence_error(string encryption, string integrity, bool udp)
    {
        PeerPair pair = Pair(encryption, integrity, udp);
        byte[] wire = pair.Protect(pair.InnerPacket(30));

        Assert.Equal(InboundVerdict.Deliver, pair.Receive(wire).Result.Verdict);
        AssertDropped(pair, wire, IpsecCounter.InStateSequenceErrors);
        Assert.Equal(1, pair.RightStatistics[IpsecCounter.InStateSequenceErrors]);
    }

    [Fact]
    public void Packets_reordered_within_the_window_pass_and_those_beyond_it_are_sequence_errors()
    {
        PeerPair pair = Pair("aes-128-gcm", "");
        byte[][] wires = [.. Enumerable.Range(0, 1100).Select(_ => pair.Protect(pair.InnerPacket(8)))];

        Assert.Equal(InboundVerdict.Deliver, pair.Receive(wires[1099]).Result.Verdict);
        Assert.Equal(InboundVerdict.Deliver, pair.Receive(wires[1099 - 1023]).Result.Verdict);
        AssertDropped(pair, wires[1099 - 1024], IpsecCounter.InStateSequenceErrors);
        AssertDropped(pair, wires[0], IpsecCounter.InStateSequenceErrors);
    }

    [Fact]
    public void Forged_packet_does_not_advance_the_window()
    {
        PeerPair pair = Pair("aes-256-cbc", "sha256");
        byte[] first = pair.Protect(pair.InnerPacket(8));
        pair.Outbound.SetLastSequence(5000);
        byte[] far = pair.Protect(pair.InnerPacket(8));
        far[^1] ^= 0x80;

        AssertDropped(pair, far, IpsecCounter.InStateProtocolErrors);
        Assert.Equal(0UL, pair.Inbound.Window!.Highest);
        Assert.Equal(InboundVerdict.Deliver, pair.Receive(first).Result.Verdict);
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void Every_truncation_is_dropped_without_an_exception(string encryption, string integrity, bool udp)
    {
        PeerPair pair = Pair(encryption, integrity, udp);
        byte[] wire = pair.Protect(pair.InnerPacket(40));

        for (int length = 0; length < wire.Length; length++)
        {
            byte[] truncated = wire[..length];
            var (result, _) = pair.Receive(truncated);
            Assert.NotEqual(InboundVerdict.Deliver, result.Verdict);
        }

        // Truncating the datagram while keeping the IP length consistent reaches the ESP checks.
        byte[] shortened = wire[..^1];
        FixLengths(shortened, udp);
        AssertDropped(pair, shortened, IpsecCounter.InStateProtocolErrors);
        Assert.Equal(InboundVerdict.Deliver, pair.Receive(wire).Result.Verdict);
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void Unknown_spi_is_in_no_states(string encryption, string integrity, bool udp)
    {
        PeerPair pair = Pair(encryption, integrity, udp);
        byte[] wire = pair.Protect(pair.InnerPacket(10));
        int esp = EspOffset(wire, udp);
        BinaryPrimitives.WriteUInt32BigEndian(wire.AsSpan(esp), 0xDEAD_BEEF);
        FixLengths(wire, udp);

        AssertDropped(pair, wire, IpsecCounter.InNoStates);
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void Bad_icv_is_a_protocol_error(string encryption, string integrity, bool udp)
    {
        PeerPair pair = Pair(encryption, integrity, udp);
        byte[] wire = pair.Protect(pair.InnerPacket(10));
        wire[^3] ^= 0x10;

        AssertDropped(pair, wire, IpsecCounter.InStateProtocolErrors);
    }

    [Fact]
    public void Authentic_packet_with_wrong_padding_is_a_protocol_error()
    {
        // With NULL encryption the trailer is visible, so a test can rewrite it and compute a valid ICV.
        PeerPair pair = Pair("null", "sha256");
        byte[] wire = pair.Protect(pair.InnerPacket(33)); // one pad byte
        int icv = IntegrityAlgorithms.HmacSha2_256_128.IcvSize;
        int padByte = wire.Length - icv - 3;
        Assert.Equal(1, wire[padByte]);
        wire[padByte] = 0x07;
        Reauthenticate(pair, wire, icv);

        AssertDropped(pair, wire, IpsecCounter.InStateProtocolErrors);
    }

    [Fact]
    public void Pad_length_beyond_the_payload_is_a_protocol_error()
    {
        PeerPair pair = Pair("null", "sha256");
        byte[] wire = pair.Protect(pair.InnerPacket(33));
        int icv = IntegrityAlgorithms.HmacSha2_256_128.IcvSize;
        wire[wire.Length - icv - 2] = 250;
        Reauthenticate(pair, wire, icv);

        AssertDropped(pair, wire, IpsecCounter.InStateProtocolErrors);
    }

    [Fact]
    public void Authentic_packet_whose_next_header_does_not_fit_tunnel_mode_is_a_mode_error()
    {
        PeerPair pair = Pair("null", "sha256");
        byte[] wire = pair.Protect(pair.InnerPacket(33));
        int icv = IntegrityAlgorithms.HmacSha2_256_128.IcvSize;
        wire[wire.Length - icv - 1] = IpProtocol.Tcp;
        Reauthenticate(pair, wire, icv);

        AssertDropped(pair, wire, IpsecCounter.InStateModeErrors);
    }

    [Theory]
    [InlineData("aes-128-gcm", "", false, false)]
    [InlineData("aes-256-cbc", "sha256", false, false)]
    [InlineData("aes-128-gcm", "", true, false)]
    [InlineData("aes-256-cbc", "sha1", true, false)]
    [InlineData("chacha20poly1305", "", false, true)]
    [InlineData("aes-128-cbc", "md5", true, true)]
    public void Any_single_bit_flip_is_refused_and_counted_once(string encryption, string integrity, bool udp, bool ipv6)
    {
        PeerPair pair = Pair(encryption, integrity, udp, ipv6);
        byte[] inner = pair.InnerPacket(24);
        byte[] wire = pair.Protect(inner);
        int ipLength = ipv6 ? Ipv6Header.Length : Ipv4Header.MinLength;

        for (int position = 0; position < wire.Length; position++)
        {
            if ((ipv6 && position < ipLength && IsIpv6FieldOutsideProtection(position))
                || (udp && !ipv6 && position is Ipv4Header.MinLength or Ipv4Header.MinLength + 1))
            {
                continue;
            }

            for (int bit = 0; bit < 8; bit++)
            {
                byte[] flipped = (byte[])wire.Clone();
                flipped[position] ^= (byte)(1 << bit);
                long before = pair.RightStatistics.Total;
                var (result, _) = pair.Receive(flipped);

                Assert.True(result.Verdict != InboundVerdict.Deliver, $"flip of bit {bit} at {position} was delivered");
                long counted = pair.RightStatistics.Total - before;
                Assert.Equal(result.Verdict == InboundVerdict.Drop ? 1 : 0, counted);
                Assert.Equal(result.DropReason is not null, counted == 1);
            }
        }

        Assert.Equal(inner, pair.Receive(wire).Packet);

        // Over IPv6 the UDP checksum covers the addresses and the ESP packet and catches their flips first.
        bool checksummed = udp && ipv6;
        Assert.Equal(!checksummed, pair.RightStatistics[IpsecCounter.InStateProtocolErrors] > 0);
        Assert.Equal(!checksummed, pair.RightStatistics[IpsecCounter.InNoStates] > 0);
        Assert.True(pair.RightStatistics[IpsecCounter.InHeaderErrors] > 0);
    }

    [Fact]
    public void Esp_for_a_udp_sa_arriving_raw_is_a_state_mismatch()
    {
        PeerPair raw = Pair("aes-128-gcm", "");
        PeerPair encapsulated = Pair("aes-128-gcm", "", udp: true);
        byte[] wire = raw.Protect(raw.InnerPacket(10));

        AssertDropped(encapsulated, wire, IpsecCounter.InStateMismatches);
    }

    [Fact]
    public void Esp_for_a_larval_sa_is_state_invalid_and_for_an_expired_one_state_expired()
    {
        PeerPair pair = Pair("aes-128-gcm", "");
        byte[] wire = pair.Protect(pair.InnerPacket(10));
        uint larval = pair.RightSad.ReserveSpi(RandomSource.System);
        byte[] toLarval = (byte[])wire.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(toLarval.AsSpan(Ipv4Header.MinLength), larval);

        AssertDropped(pair, toLarval, IpsecCounter.InStateInvalid);

        pair.Inbound.Reach(LifetimeLimit.Hard, LifetimeMeasure.Time);
        AssertDropped(pair, wire, IpsecCounter.InStateExpired);
    }

    [Fact]
    public void Esp_from_another_address_than_the_sas_peer_is_in_no_states()
    {
        PeerPair pair = Pair("aes-128-gcm", "");
        byte[] wire = pair.Protect(pair.InnerPacket(10));
        wire[15] ^= 1; // the outer source address
        Ipv4Header.TryRead(wire, out Ipv4Header ip);
        ip.UpdateChecksum();

        AssertDropped(pair, wire, IpsecCounter.InNoStates);
    }

    /// <summary>
    /// IPv6 has no header checksum: traffic class, flow label and hop limit may change on the way. Over IPv4
    /// the UDP source port is skipped too: a NAT rewrites it and, with the zero checksum, nothing covers it.
    /// </summary>
    private static bool IsIpv6FieldOutsideProtection(int position) => position is 0 or 1 or 2 or 3 or 7;

    private static int EspOffset(byte[] wire, bool udp) =>
        (wire[0] >> 4 == 4 ? Ipv4Header.MinLength : Ipv6Header.Length) + (udp ? UdpHeader.Length : 0);

    /// <summary>Rewrites the IP (and UDP) lengths and checksums after a test changed the packet.</summary>
    private static void FixLengths(byte[] wire, bool udp)
    {
        Assert.True(wire[0] >> 4 == 4);
        BinaryPrimitives.WriteUInt16BigEndian(wire.AsSpan(2), (ushort)wire.Length);
        Ipv4Header.TryRead(wire, out Ipv4Header ip);
        ip.UpdateChecksum();
        if (udp)
        {
            BinaryPrimitives.WriteUInt16BigEndian(wire.AsSpan(Ipv4Header.MinLength + 4), (ushort)(wire.Length - Ipv4Header.MinLength));
        }
    }

    /// <summary>Computes the ICV of a NULL-encrypted packet again with the SA's key, as the sender would have.</summary>
    private static void Reauthenticate(PeerPair pair, byte[] wire, int icvSize)
    {
        using PacketAuthenticator authenticator = pair.Spec.Integrity!.CreateAuthenticator(
            [.. Enumerable.Range(0, pair.Spec.Integrity.KeySize).Select(i => (byte)(0x77 + i * 13))]);
        authenticator.Append(wire.AsSpan(Ipv4Header.MinLength, wire.Length - Ipv4Header.MinLength - icvSize));
        authenticator.Finish(wire.AsSpan(wire.Length - icvSize));
    }
}
