using System.Buffers.Binary;
using System.Collections.Concurrent;
using IpsecTun.Core;
using IpsecTun.Crypto;

namespace IpsecTun.Esp.Tests;

public class EspDatapathTests
{
    private static PeerPair Gcm(bool esn = false) => new(EspRoundTripTests.Spec("aes-128-gcm", "") with { Esn = esn });

    [Fact]
    public void Outbound_decisions_follow_the_matching_policys_action_and_level()
    {
        PeerPair pair = Gcm();
        var any = new TrafficSelector(IpPrefix.Any(4), IpPrefix.Any(4));
        pair.LeftSpd.Insert(0, new SecurityPolicy(any with { Protocol = IpProtocol.Udp, DestinationPorts = PortRange.Of(1) }) { Action = PolicyAction.None });
        pair.LeftSpd.Insert(1, new SecurityPolicy(any with { Protocol = IpProtocol.Udp, DestinationPorts = PortRange.Of(2) }) { Action = PolicyAction.Discard });
        pair.LeftSpd.Insert(2, new SecurityPolicy(any with { Protocol = IpProtocol.Udp, DestinationPorts = PortRange.Of(3) }) { Level = PolicyLevel.Require });
        pair.LeftSpd.Insert(3, new SecurityPolicy(any with { Protocol = IpProtocol.Udp, DestinationPorts = PortRange.Of(4) }) { Level = PolicyLevel.Use });

        OutboundVerdict Send(ushort port, out IpsecCounter? reason)
        {
            OutboundResult result = pair.Left.ProcessOutbound(Packets.Buffer(pair.InnerPacket(10, port)));
            reason = result.DropReason;
            return result.Verdict;
        }

        Assert.Equal(OutboundVerdict.Bypass, Send(1, out _));
        Assert.Equal(OutboundVerdict.Drop, Send(2, out IpsecCounter? blocked));
        Assert.Equal(IpsecCounter.OutPolicyBlocked, blocked);
        Assert.Equal(OutboundVerdict.Acquire, Send(3, out IpsecCounter? missing));
        Assert.Equal(IpsecCounter.OutNoStates, missing);
        Assert.Equal(OutboundVerdict.Bypass, Send(4, out _));
        Assert.Equal(OutboundVerdict.Send, Send(5, out _));
        Assert.Equal(OutboundVerdict.Bypass, pair.Left.ProcessOutbound(Packets.Buffer(Packets.Udp("172.16.0.1", "172.16.0.2", 1, 1, 4))).Verdict);
        Assert.Equal(1, pair.LeftStatistics[IpsecCounter.OutPolicyBlocked]);
        Assert.Equal(1, pair.LeftStatistics[IpsecCounter.OutNoStates]);
        Assert.Equal(2, pair.LeftStatistics.Total);
    }

    [Fact]
    public void A_policy_change_applies_to_the_very_next_packet_of_a_flow()
    {
        PeerPair pair = Gcm();
        byte[] packet = pair.InnerPacket(10);
        Assert.Equal(OutboundVerdict.Send, pair.Left.ProcessOutbound(Packets.Buffer(packet)).Verdict);

        var discard = new SecurityPolicy(new TrafficSelector(IpPrefix.Any(4), IpPrefix.Any(4))) { Action = PolicyAction.Discard };
        pair.LeftSpd.Insert(0, discard);
        Assert.Equal(IpsecCounter.OutPolicyBlocked, pair.Left.ProcessOutbound(Packets.Buffer(packet)).DropReason);

        pair.LeftSpd.Remove(discard);
        Assert.Equal(OutboundVerdict.Send, pair.Left.ProcessOutbound(Packets.Buffer(packet)).Verdict);
    }

    [Fact]
    public void Malformed_packet_from_the_adapter_is_an_outbound_error()
    {
        PeerPair pair = Gcm();

        OutboundResult result = pair.Left.ProcessOutbound(Packets.Buffer([0x45, 0, 0, 40, 1, 2]));

        Assert.Equal(IpsecCounter.OutErrors, result.DropReason);
        Assert.Equal(1, pair.LeftStatistics[IpsecCounter.OutErrors]);
    }

    [Fact]
    public void Packet_without_headroom_for_the_headers_is_dropped_as_an_outbound_error()
    {
        PeerPair pair = Gcm();
        var cramped = new PacketBuffer(Packets.Capacity, 20);
        cramped.TrySet(pair.InnerPacket(10));

        Assert.Equal(IpsecCounter.OutErrors, pair.Left.ProcessOutbound(cramped).DropReason);
        Assert.Equal(0UL, pair.Outbound.LastSequence);
    }

    [Fact]
    public void Transport_sa_refuses_packets_that_are_not_between_its_peers()
    {
        var pair = new PeerPair(EspRoundTripTests.Spec("aes-128-gcm", "") with { Mode = SaMode.Transport });
        PacketBuffer foreign = Packets.Buffer(Packets.Udp("198.51.100.1", "203.0.113.99", 1, 2, 10));

        Assert.Equal(IpsecCounter.OutStateModeErrors, pair.Left.Protect(pair.Outbound, foreign).DropReason);
    }

    [Fact]
    public void Decrypted_packet_outside_the_sas_selectors_is_dropped_under_the_policy_tables_verdict()
    {
        PeerPair pair = Gcm();
        byte[] Stray(string source) => ProtectDirect(pair, Packets.Udp(source, "10.2.0.9", 1, 2, 10));

        Assert.Equal(IpsecCounter.InNoPolicies, pair.Receive(Stray("10.9.0.1")).Result.DropReason);

        pair.RightSpd.Add(new SecurityPolicy(new TrafficSelector(IpPrefix.Parse("10.2.0.0/16"), IpPrefix.Parse("10.8.0.0/16"))) { Action = PolicyAction.Discard });
        Assert.Equal(IpsecCounter.InPolicyBlocked, pair.Receive(Stray("10.8.0.1")).Result.DropReason);

        pair.RightSpd.Add(new SecurityPolicy(new TrafficSelector(IpPrefix.Parse("10.2.0.0/16"), IpPrefix.Parse("10.7.0.0/16"))) { Tunnel = true });
        Assert.Equal(IpsecCounter.InTemplateMismatches, pair.Receive(Stray("10.7.0.1")).Result.DropReason);

        Assert.Equal(1, pair.RightStatistics[IpsecCounter.InNoPolicies]);
        Assert.Equal(1, pair.RightStatistics[IpsecCounter.InPolicyBlocked]);
        Assert.Equal(1, pair.RightStatistics[IpsecCounter.InTemplateMismatches]);
    }

    [Fact]
    public void Plaintext_that_a_require_policy_covers_is_refused()
    {
        PeerPair pair = Gcm();

        InboundResult covered = pair.Right.CheckPlaintext(Packets.Buffer(Packets.Udp("10.1.0.5", "10.2.0.5", 1, 2, 3)));
        InboundResult uncovered = pair.Right.CheckPlaintext(Packets.Buffer(Packets.Udp("10.5.0.5", "10.2.0.5", 1, 2, 3)));

        Assert.Equal(IpsecCounter.InTemplateMismatches, covered.DropReason);
        Assert.Equal(InboundVerdict.Deliver, uncovered.Verdict);
    }

    [Fact]
    public void Extended_sequence_numbers_cross_the_32_bit_boundary()
    {
        PeerPair pair = Gcm(esn: true);
        pair.Outbound.SetLastSequence(uint.MaxValue - 2);
        pair.Inbound.Window!.TryAccept(uint.MaxValue - 2);

        for (int i = 0; i < 4; i++)
        {
            byte[] inner = pair.InnerPacket(10 + i);
            Assert.Equal(inner, pair.Receive(pair.Protect(inner)).Packet);
        }

        Assert.Equal((ulong)uint.MaxValue + 2, pair.Inbound.Window.Highest);
        Assert.Equal(0, pair.RightStatistics.Total);
    }

    [Fact]
    public void Esn_high_bits_enter_the_icv_of_cipher_and_integrity_transforms()
    {
        var pair = new PeerPair(EspRoundTripTests.Spec("aes-128-cbc", "sha256") with { Esn = true });
        pair.Outbound.SetLastSequence((1UL << 32) + 10);
        byte[] wire = pair.Protect(pair.InnerPacket(10));

        // The receiver still believes the high half is 0: the same low bits then fail the ICV.
        Assert.Equal(IpsecCounter.InStateProtocolErrors, pair.Receive(wire).Result.DropReason);
        pair.Inbound.Window!.TryAccept((1UL << 32) + 5);
        Assert.Equal(InboundVerdict.Deliver, pair.Receive(wire).Result.Verdict);
    }

    [Fact]
    public void Sequence_numbers_never_wrap_without_esn_and_exhaustion_kills_the_sa()
    {
        PeerPair pair = Gcm();
        var events = new List<SaLifetimeEvent>();
        pair.LeftSad.LifetimeReached = events.Add;
        pair.Outbound.SetLastSequence(uint.MaxValue - 1);

        byte[] last = pair.Protect(pair.InnerPacket(10));
        OutboundResult refused = pair.Left.ProcessOutbound(Packets.Buffer(pair.InnerPacket(10)));

        Assert.Equal(uint.MaxValue, BinaryPrimitives.ReadUInt32BigEndian(last.AsSpan(Ipv4Header.MinLength + 4)));
        Assert.Equal(IpsecCounter.OutStateSequenceErrors, refused.DropReason);
        Assert.Equal(SaState.Dead, pair.Outbound.State);
        Assert.Equal([new SaLifetimeEvent(pair.Outbound, LifetimeLimit.Hard, LifetimeMeasure.SequenceNumbers)], events);
        Assert.Equal(IpsecCounter.OutStateExpired, pair.Left.ProcessOutbound(Packets.Buffer(pair.InnerPacket(10))).DropReason);
    }

    [Fact]
    public void Batch_of_64_is_protected_and_received_in_order()
    {
        PeerPair pair = Gcm();
        byte[][] inner = [.. Enumerable.Range(0, 64).Select(i => pair.InnerPacket(i * 10))];
        PacketBuffer[] buffers = [.. inner.Select(Packets.Buffer)];
        var outbound = new OutboundResult[64];
        var inbound = new InboundResult[64];

        pair.Left.ProcessOutbound(buffers, outbound);
        pair.Right.ProcessInbound(buffers, inbound);

        Assert.All(outbound, r => Assert.Equal(OutboundVerdict.Send, r.Verdict));
        Assert.All(inbound, r => Assert.Equal(InboundVerdict.Deliver, r.Verdict));
        for (int i = 0; i < 64; i++)
        {
            Assert.Equal(inner[i], buffers[i].Data.ToArray());
        }
    }

    [Fact]
    public void Workers_on_many_threads_share_one_sa_with_unique_sequence_numbers()
    {
        const int Workers = 4;
        const int PerWorker = 2000;
        var pair = new PeerPair(EspRoundTripTests.Spec("aes-256-cbc", "sha256") with { ReplayWindow = 16384 }, Workers);
        var wires = new ConcurrentBag<byte[]>();

        Parallel.For(0, Workers, new ParallelOptions { MaxDegreeOfParallelism = Workers }, w =>
        {
            var worker = new IpsecWorker(w, pair.LeftSpd, pair.LeftSad, pair.LeftStatistics, RandomSource.System);
            for (int i = 0; i < PerWorker; i++)
            {
                PacketBuffer buffer = Packets.Buffer(pair.InnerPacket(i % 300));
                Assert.Equal(OutboundVerdict.Send, worker.ProcessOutbound(buffer).Verdict);
                wires.Add(buffer.Data.ToArray());
            }
        });

        uint[] sequences = [.. wires.Select(w => BinaryPrimitives.ReadUInt32BigEndian(w.AsSpan(Ipv4Header.MinLength + 4)))];
        Assert.Equal(Workers * PerWorker, sequences.Distinct().Count());
        Assert.Equal((uint)(Workers * PerWorker), sequences.Max());

        byte[][] all = [.. wires];
        int delivered = 0;
        Parallel.For(0, Workers, new ParallelOptions { MaxDegreeOfParallelism = Workers }, w =>
        {
            var worker = new IpsecWorker(w, pair.RightSpd, pair.RightSad, pair.RightStatistics, RandomSource.System);
            for (int i = w; i < all.Length; i += Workers)
            {
                if (worker.ProcessInbound(Packets.Buffer(all[i])).Verdict == InboundVerdict.Deliver)
                {
                    Interlocked.Increment(ref delivered);
                }
            }
        });

        Assert.Equal(Workers * PerWorker, delivered);
    }

    [Theory]
    [InlineData("aes-128-gcm", "")]
    [InlineData("aes-256-cbc", "sha256")]
    [InlineData("chacha20poly1305", "")]
    public void Per_packet_path_allocates_nothing_once_warm(string encryption, string integrity)
    {
        var pair = new PeerPair(EspRoundTripTests.Spec(encryption, integrity) with { Udp = true });
        PacketBuffer buffer = Packets.Buffer(pair.InnerPacket(1400));
        byte[] inner = buffer.Data.ToArray();
        void RoundTrip()
        {
            buffer.TrySet(inner);
            pair.Left.ProcessOutbound(buffer);
            pair.Right.ProcessInbound(buffer);
        }

        RoundTrip();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            RoundTrip();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(inner, buffer.Data.ToArray());
    }

    /// <summary>Protects with the left SA without looking up the left policy, as a sender with wider selectors would.</summary>
    private static byte[] ProtectDirect(PeerPair pair, byte[] packet)
    {
        PacketBuffer buffer = Packets.Buffer(packet);
        Assert.Equal(OutboundVerdict.Send, pair.Left.Protect(pair.Outbound, buffer).Verdict);
        return buffer.Data.ToArray();
    }

    [Fact]
    public void Ipv6_transport_mode_refuses_extension_headers_before_the_payload()
    {
        var pair = new PeerPair(EspRoundTripTests.Spec("aes-128-gcm", "") with { Mode = SaMode.Transport, LeftPeer = "2001:db8::1", RightPeer = "2001:db8:ffff::1" });
        byte[] packet = Packets.Udp("2001:db8::1", "2001:db8:ffff::1", 1, 2, 16);
        packet[6] = IpProtocol.HopByHop;

        Assert.Equal(IpsecCounter.OutStateModeErrors, pair.Left.Protect(pair.Outbound, Packets.Buffer(packet)).DropReason);
    }
}
