using System.Buffers.Binary;
using IpsecTun.Core;
using IpsecTun.Crypto;

namespace IpsecTun.Esp.Tests;

public class EspRoundTripTests
{
    private const string Ipv6Left = "2001:db8::1";
    private const string Ipv6Right = "2001:db8:ffff::1";

    /// <summary>Every cipher (non-AEADs with HMAC-SHA-256), and every integrity transform with AES-128-CBC.</summary>
    public static TheoryData<string, string> Transforms()
    {
        var data = new TheoryData<string, string>();
        foreach (EncryptionAlgorithm encryption in EncryptionAlgorithms.All)
        {
            data.Add(encryption.Name, encryption.IsAead ? "" : "sha256");
        }

        foreach (IntegrityAlgorithm integrity in IntegrityAlgorithms.All)
        {
            data.Add("aes-128-cbc", integrity.Name);
        }

        return data;
    }

    /// <summary>Outer and inner families: v4 in v4, v6 in v4, v4 in v6, v6 in v6.</summary>
    public static TheoryData<bool, bool> Families() => new() { { false, false }, { false, true }, { true, false }, { true, true } };

    internal static SaSpec Spec(string encryption, string integrity)
    {
        Assert.True(TransformRegistry.TryGetEncryption(encryption, out EncryptionAlgorithm? cipher), encryption);
        IntegrityAlgorithm? mac = null;
        if (integrity.Length > 0)
        {
            Assert.True(TransformRegistry.TryGetIntegrity(integrity, out mac), integrity);
        }

        return new SaSpec { Encryption = cipher, Integrity = mac };
    }

    private static SaSpec WithFamilies(SaSpec spec, bool outerV6, bool innerV6)
    {
        if (outerV6)
        {
            spec = spec with { LeftPeer = Ipv6Left, RightPeer = Ipv6Right };
        }

        return innerV6 ? spec with { LeftNet = "fd00:1::/64", RightNet = "fd00:2::/64" } : spec;
    }

    [Theory]
    [MemberData(nameof(Transforms))]
    public void Every_transform_round_trips_in_tunnel_and_transport_mode_with_and_without_esn(string encryption, string integrity)
    {
        foreach (SaMode mode in new[] { SaMode.Tunnel, SaMode.Transport })
        {
            foreach (bool esn in new[] { false, true })
            {
                foreach (bool ipv6 in new[] { false, true })
                {
                    SaSpec spec = WithFamilies(Spec(encryption, integrity) with { Mode = mode, Esn = esn }, ipv6, ipv6);
                    AssertRoundTrips(spec, [1, 63, 64, 65, 1400]);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Tunnel_carries_either_family_inside_either_family(bool outerV6, bool innerV6)
    {
        AssertRoundTrips(WithFamilies(Spec("aes-256-gcm", ""), outerV6, innerV6), [0, 100]);
        AssertRoundTrips(WithFamilies(Spec("aes-256-cbc", "sha256") with { Udp = true }, outerV6, innerV6), [0, 100]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Udp_encapsulated_esp_travels_on_port_4500_with_the_rfc_3948_checksum_rule(bool ipv6)
    {
        SaSpec spec = WithFamilies(Spec("aes-128-gcm", "") with { Udp = true }, ipv6, false);
        var pair = new PeerPair(spec);
        byte[] wire = pair.Protect(pair.InnerPacket(50));

        int ipLength = ipv6 ? Ipv6Header.Length : Ipv4Header.MinLength;
        Assert.Equal(IpProtocol.Udp, ipv6 ? wire[6] : wire[9]);
        Assert.True(UdpHeader.TryRead(wire.AsSpan(ipLength), out UdpHeader udp));
        Assert.Equal(4500, udp.DestinationPort);
        Assert.Equal(4500, udp.SourcePort);
        Assert.Equal(ipv6, udp.Checksum != 0);
        Assert.Equal(UdpPayloadKind.Esp, NatTraversal.Classify(udp.Payload));
        Assert.Equal(InboundVerdict.Deliver, pair.Receive(wire).Result.Verdict);
    }

    [Fact]
    public void Padding_aligns_the_encrypted_part_to_the_cipher_block_and_counts_up_from_one()
    {
        var pair = new PeerPair(Spec("null", "sha1"));
        byte[] inner = pair.InnerPacket(33); // 61 bytes: 61 + 2 = 63, one pad byte to 64
        byte[] wire = pair.Protect(inner);

        int trailer = wire.Length - 12 - 2;
        Assert.Equal(0, (wire.Length - 20 - 8 - 12) % 4);
        Assert.Equal(1, wire[trailer - 1]);
        Assert.Equal(1, wire[trailer]);
        Assert.Equal(IpProtocol.Ipv4, wire[trailer + 1]);
    }

    [Fact]
    public void Tunnel_copies_the_inner_dscp_to_the_outer_header()
    {
        var pair = new PeerPair(Spec("aes-128-gcm", ""));
        byte[] inner = pair.InnerPacket(20);
        inner[1] = 0xb8;
        Ipv4Header.TryRead(inner, out Ipv4Header ip);
        ip.UpdateChecksum();

        byte[] wire = pair.Protect(inner);

        Assert.Equal(0xb8, wire[1]);
        Assert.Equal(inner, pair.Receive(wire).Packet);
    }

    [Fact]
    public void Cbc_ivs_are_fresh_per_packet_and_counter_mode_ivs_are_the_sequence_number()
    {
        var cbc = new PeerPair(Spec("aes-128-cbc", "sha1"));
        byte[][] ivs = [.. Enumerable.Range(0, 600).Select(_ => cbc.Protect(cbc.InnerPacket(8)).AsSpan(28, 16).ToArray())];
        Assert.Equal(ivs.Length, ivs.Select(Convert.ToHexString).Distinct().Count());

        var gcm = new PeerPair(Spec("aes-128-gcm", ""));
        gcm.Protect(gcm.InnerPacket(8));
        byte[] second = gcm.Protect(gcm.InnerPacket(8));
        Assert.Equal(2UL, BinaryPrimitives.ReadUInt64BigEndian(second.AsSpan(28, 8)));
    }

    internal static void AssertRoundTrips(SaSpec spec, int[] payloadLengths)
    {
        var pair = new PeerPair(spec);
        foreach (int length in payloadLengths)
        {
            byte[] inner = pair.InnerPacket(length);
            byte[] wire = pair.Protect(inner);
            var (result, delivered) = pair.Receive(wire);

            Assert.True(result.Verdict == InboundVerdict.Deliver, $"{spec} length {length}: {result.DropReason}");
            Assert.Equal(inner, delivered);
        }

        Assert.Equal(0, pair.RightStatistics.Total);
        Assert.Equal(payloadLengths.Length, pair.Inbound.Packets);
        Assert.Equal(pair.Outbound.CurrentBytes, pair.Inbound.CurrentBytes);
    }
}
