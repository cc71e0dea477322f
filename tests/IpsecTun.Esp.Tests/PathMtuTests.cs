using System.Buffers.Binary;
using IpsecTun.Core;
using IpsecTun.Crypto;

namespace IpsecTun.Esp.Tests;

public sealed class PathMtuTests
{
    private const int PathMtu = 1500;

    /// <summary>Every transform in both modes, raw and in UDP, over IPv4 and IPv6, and AH in both modes.</summary>
    public static TheoryData<string, string, SaMode, bool, bool> Layouts()
    {
        var data = new TheoryData<string, string, SaMode, bool, bool>();
        IEnumerable<(string, string)> transforms = EncryptionAlgorithms.All.Select(e => (e.Name, e.IsAead ? "" : "sha256"))
            .Concat(IntegrityAlgorithms.All.Select(i => ("aes-128-cbc", i.Name)));
        foreach ((string encryption, string integrity) in transforms)
        {
            foreach (SaMode mode in new[] { SaMode.Tunnel, SaMode.Transport })
            {
                data.Add(encryption, integrity, mode, false, false);
                data.Add(encryption, integrity, mode, true, false);
                data.Add(encryption, integrity, mode, false, true);
            }
        }

        data.Add("", "sha256", SaMode.Tunnel, false, false);
        data.Add("", "sha256", SaMode.Transport, false, true);
        return data;
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void The_inner_mtu_is_the_largest_packet_whose_protected_form_fits_the_path(string encryption, string integrity, SaMode mode, bool udp, bool ipv6)
    {
        var pair = new PeerPair(Spec(encryption, integrity, mode, udp, ipv6, PathMtu));
        int inner = pair.Outbound.InnerMtu;
        Assert.InRange(inner, 1300, PathMtu - 1);

        int fits = Protect(pair, PacketOf(pair, inner, dontFragment: true)).Length;
        Assert.InRange(fits, PathMtu - 64, PathMtu);
        if (ipv6 && mode == SaMode.Transport)
        {
            // IPv6 is never fragmented on the way: one byte more is too big whatever the flags.
            Assert.Equal(OutboundVerdict.TooBig, pair.Left.ProcessOutbound(Packets.Buffer(PacketOf(pair, inner + 1, dontFragment: false))).Verdict);
        }
        else
        {
            Assert.True(Protect(pair, PacketOf(pair, inner + 1, dontFragment: false)).Length > PathMtu);
        }
    }

    [Fact]
    public void Without_a_path_mtu_nothing_is_too_big()
    {
        var pair = new PeerPair(Spec("aes-128-gcm", "", SaMode.Tunnel, udp: true, ipv6: false, pathMtu: 0));
        Assert.Equal(0, pair.Outbound.InnerMtu);
        Assert.True(Protect(pair, PacketOf(pair, 1800, dontFragment: true)).Length > PathMtu);
    }

    [Fact]
    public void A_packet_over_the_inner_mtu_with_df_is_not_protected_but_returned_as_too_big()
    {
        var pair = new PeerPair(Spec("aes-128-gcm", "", SaMode.Tunnel, udp: true, ipv6: false, PathMtu));
        Assert.Equal(1438, pair.Outbound.InnerMtu);
        byte[] packet = PacketOf(pair, 1439, dontFragment: true);
        PacketBuffer buffer = Packets.Buffer(packet);

        OutboundResult result = pair.Left.ProcessOutbound(buffer);

        Assert.Equal(OutboundVerdict.TooBig, result.Verdict);
        Assert.Same(pair.Outbound, result.Sa);
        Assert.Null(result.DropReason);
        Assert.Equal(packet, buffer.Data.ToArray());
        Assert.Equal(0UL, pair.Outbound.LastSequence);
        Assert.Equal(0, pair.LeftStatistics.Snapshot().Sum(c => c.Value));
    }

    [Fact]
    public void An_ipv6_packet_over_the_inner_mtu_is_too_big_unless_the_tunnel_is_below_the_ipv6_minimum()
    {
        var roomy = new PeerPair(Spec("aes-128-gcm", "", SaMode.Tunnel, udp: false, ipv6: true, PathMtu) with { LeftNet = "fd00:1::/64", RightNet = "fd00:2::/64" });
        Assert.Equal(OutboundVerdict.TooBig, roomy.Left.ProcessOutbound(Packets.Buffer(PacketOf(roomy, roomy.Outbound.InnerMtu + 1, dontFragment: false))).Verdict);

        var narrow = new PeerPair(Spec("aes-128-gcm", "", SaMode.Tunnel, udp: false, ipv6: true, 1300) with { LeftNet = "fd00:1::/64", RightNet = "fd00:2::/64" });
        Assert.True(narrow.Outbound.InnerMtu < 1280);
        Assert.Equal(OutboundVerdict.Send, narrow.Left.ProcessOutbound(Packets.Buffer(PacketOf(narrow, 1280, dontFragment: false))).Verdict);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_syn_leaving_through_the_tunnel_announces_an_mss_that_fits_it(bool ipv6)
    {
        SaSpec spec = Spec("aes-256-cbc", "sha256", SaMode.Tunnel, udp: true, ipv6: false, PathMtu);
        var pair = new PeerPair(ipv6 ? spec with { LeftNet = "fd00:1::/64", RightNet = "fd00:2::/64" } : spec);
        byte[] syn = ipv6 ? TcpSyn.Create("fd00:1::9", "fd00:2::9", 1440) : TcpSyn.Create("10.1.0.9", "10.2.0.9", 1460);

        (InboundResult result, byte[] delivered) = pair.Receive(Protect(pair, syn));

        Assert.Equal(InboundVerdict.Deliver, result.Verdict);
        Assert.Equal(pair.Outbound.InnerMtu - (ipv6 ? 60 : 40), TcpSyn.Mss(delivered));
    }

    [Fact]
    public void A_syn_arriving_through_the_tunnel_is_clamped_to_the_adapter_mtu_when_that_is_lower()
    {
        var pair = new PeerPair(Spec("aes-128-gcm", "", SaMode.Tunnel, udp: false, ipv6: false, PathMtu));
        var right = new IpsecWorker(0, pair.RightSpd, pair.RightSad, pair.RightStatistics, RandomSource.System) { AdapterMtu = 1300 };
        PacketBuffer wire = Packets.Buffer(Protect(pair, TcpSyn.Create("10.1.0.9", "10.2.0.9", 1460)));

        Assert.Equal(InboundVerdict.Deliver, right.ProcessInbound(wire).Verdict);
        Assert.Equal(1260, TcpSyn.Mss(wire.Data.ToArray()));
    }

    [Fact]
    public void A_smaller_mss_is_left_as_it_is()
    {
        var pair = new PeerPair(Spec("aes-128-gcm", "", SaMode.Tunnel, udp: false, ipv6: false, PathMtu));
        byte[] syn = TcpSyn.Create("10.1.0.9", "10.2.0.9", 536);

        (_, byte[] delivered) = pair.Receive(Protect(pair, syn));

        Assert.Equal(syn, delivered);
    }

    [Fact]
    public void Clamping_and_too_big_allocate_nothing_once_warm()
    {
        var pair = new PeerPair(Spec("aes-128-gcm", "", SaMode.Tunnel, udp: true, ipv6: false, PathMtu));
        byte[] syn = TcpSyn.Create("10.1.0.9", "10.2.0.9", 1460);
        byte[] big = PacketOf(pair, 1480, dontFragment: true);
        PacketBuffer buffer = Packets.Buffer(syn);
        void Round()
        {
            buffer.TrySet(syn);
            pair.Left.ProcessOutbound(buffer);
            pair.Right.ProcessInbound(buffer);
            buffer.TrySet(big);
            pair.Left.ProcessOutbound(buffer);
        }

        Round();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            Round();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static SaSpec Spec(string encryption, string integrity, SaMode mode, bool udp, bool ipv6, int pathMtu)
    {
        SaSpec spec = encryption.Length == 0
            ? new SaSpec { Protocol = IpsecProtocols.Ah, Integrity = TransformRegistry.TryGetIntegrity(integrity, out IntegrityAlgorithm? mac) ? mac : null }
            : EspRoundTripTests.Spec(encryption, integrity) with { Udp = udp };
        spec = spec with { Mode = mode, PathMtu = pathMtu };
        return ipv6 ? spec with { LeftPeer = "2001:db8::1", RightPeer = "2001:db8:ffff::1" } : spec;
    }

    /// <summary>A UDP packet of <paramref name="length"/> bytes the left policy covers.</summary>
    private static byte[] PacketOf(PeerPair pair, int length, bool dontFragment)
    {
        byte[] probe = pair.InnerPacket(0);
        byte[] packet = pair.InnerPacket(length - probe.Length);
        if (!dontFragment && packet[0] >> 4 == 4)
        {
            ushort flags = BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(6));
            ushort checksum = BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(10));
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), (ushort)(flags & ~0x4000));
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), IncrementalChecksum.Update(checksum, flags, (ushort)(flags & ~0x4000)));
        }

        return packet;
    }

    private static byte[] Protect(PeerPair pair, byte[] packet)
    {
        PacketBuffer buffer = Packets.Buffer(packet);
        OutboundResult result = pair.Left.ProcessOutbound(buffer);
        Assert.Equal(OutboundVerdict.Send, result.Verdict);
        return buffer.Data.ToArray();
    }
}
