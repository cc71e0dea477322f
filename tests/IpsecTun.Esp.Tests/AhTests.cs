using IpsecTun.Core;
using IpsecTun.Crypto;

namespace IpsecTun.Esp.Tests;

public class AhTests
{
    public static TheoryData<string, SaMode, bool, bool> Cases()
    {
        var data = new TheoryData<string, SaMode, bool, bool>();
        foreach (IntegrityAlgorithm integrity in IntegrityAlgorithms.All)
        {
            foreach (SaMode mode in new[] { SaMode.Tunnel, SaMode.Transport })
            {
                data.Add(integrity.Name, mode, false, false);
                data.Add(integrity.Name, mode, true, true);
            }
        }

        return data;
    }

    private static SaSpec Spec(string integrity, SaMode mode, bool ipv6, bool esn)
    {
        Assert.True(TransformRegistry.TryGetIntegrity(integrity, out IntegrityAlgorithm? algorithm));
        var spec = new SaSpec { Protocol = IpsecProtocols.Ah, Mode = mode, Integrity = algorithm, Esn = esn };
        return ipv6 ? spec with { LeftPeer = "2001:db8::1", RightPeer = "2001:db8:ffff::1", LeftNet = "fd00:1::/64", RightNet = "fd00:2::/64" } : spec;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Round_trip_restores_the_packet(string integrity, SaMode mode, bool ipv6, bool esn)
    {
        var pair = new PeerPair(Spec(integrity, mode, ipv6, esn));
        byte[] inner = pair.InnerPacket(100);

        byte[] wire = pair.Protect(inner);
        var (result, delivered) = pair.Receive(wire);

        Assert.Equal(InboundVerdict.Deliver, result.Verdict);
        Assert.Equal(inner, delivered);
        Assert.Equal(0, pair.RightStatistics.Total);
        Assert.Equal(IpProtocol.Ah, ipv6 ? wire[6] : wire[9]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Mutable_header_fields_may_change_in_transit_but_nothing_else(bool ipv6)
    {
        var pair = new PeerPair(Spec("sha256", SaMode.Tunnel, ipv6, esn: false));
        byte[] wire = pair.Protect(pair.InnerPacket(40));

        byte[] routed = (byte[])wire.Clone();
        if (ipv6)
        {
            routed[7]--;            // hop limit
            routed[1] ^= 0x0F;      // traffic class and flow label
        }
        else
        {
            routed[8]--;            // TTL
            routed[1] = 0x20;       // DSCP remarked
            Ipv4Header.TryRead(routed, out Ipv4Header ip);
            ip.UpdateChecksum();
        }

        Assert.Equal(InboundVerdict.Deliver, pair.Receive(routed).Result.Verdict);

        byte[] tampered = pair.Protect(pair.InnerPacket(40));
        tampered[^1] ^= 1;
        var (result, _) = pair.Receive(tampered);
        Assert.Equal(IpsecCounter.InStateProtocolErrors, result.DropReason);
        Assert.Equal(1, pair.RightStatistics[IpsecCounter.InStateProtocolErrors]);
    }

    [Theory]
    [InlineData(false, SaMode.Tunnel)]
    [InlineData(false, SaMode.Transport)]
    [InlineData(true, SaMode.Tunnel)]
    [InlineData(true, SaMode.Transport)]
    public void Icv_is_the_hmac_of_the_packet_with_the_rfc_4302_mutable_fields_zeroed(bool ipv6, SaMode mode)
    {
        var pair = new PeerPair(Spec("sha256", mode, ipv6, esn: false));
        byte[] wire = pair.Protect(pair.InnerPacket(30));

        // Recompute independently: copy, zero what RFC 4302 §3.3.3.1 calls mutable and the ICV, HMAC-SHA-256, truncate to 16.
        byte[] copy = (byte[])wire.Clone();
        int ipLength = ipv6 ? Ipv6Header.Length : Ipv4Header.MinLength;
        if (ipv6)
        {
            copy[0] = 0x60;
            copy[1] = copy[2] = copy[3] = 0; // traffic class and flow label
            copy[7] = 0;                     // hop limit
        }
        else
        {
            copy[1] = 0;                     // TOS
            copy[6] = copy[7] = 0;           // flags and fragment offset
            copy[8] = 0;                     // TTL
            copy[10] = copy[11] = 0;         // header checksum
        }

        copy.AsSpan(ipLength + 12, 16).Clear();
        byte[] key = [.. Enumerable.Range(0, 32).Select(i => (byte)(0x77 + i * 13))];
        byte[] expected = System.Security.Cryptography.HMACSHA256.HashData(key, copy)[..16];

        Assert.Equal(expected, wire.AsSpan(ipLength + 12, 16).ToArray());
    }

    [Fact]
    public void Icv_field_is_padded_to_64_bits_over_ipv6()
    {
        var pair = new PeerPair(Spec("sha256", SaMode.Tunnel, ipv6: true, esn: false));
        byte[] wire = pair.Protect(pair.InnerPacket(10));

        // 12 fixed bytes + a 16-byte ICV = 28, padded to 32: Payload Len = 32/4 - 2.
        Assert.Equal(6, wire[Ipv6Header.Length + 1]);
    }

    [Fact]
    public void Replayed_ah_packet_is_dropped_as_a_sequence_error()
    {
        var pair = new PeerPair(Spec("sha1", SaMode.Transport, ipv6: false, esn: false));
        byte[] wire = pair.Protect(pair.InnerPacket(10));

        Assert.Equal(InboundVerdict.Deliver, pair.Receive(wire).Result.Verdict);
        Assert.Equal(IpsecCounter.InStateSequenceErrors, pair.Receive(wire).Result.DropReason);
        Assert.Equal(1, pair.RightStatistics.Total);
    }
}
