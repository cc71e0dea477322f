using IpsecTun.Core;
using static IpsecTun.Esp.Tests.NatSetup;

namespace IpsecTun.Esp.Tests;

/// <summary>
/// ICMP errors about translated flows: the quoted packet is rewritten with the outer one, and the result is
/// compared with an error built from scratch about the untranslated packet.
/// </summary>
public sealed class SourceNatIcmpErrorTests
{
    private const byte DestinationUnreachable = 3;
    private const byte PortUnreachable = 3;
    private const byte TimeExceeded = 11;

    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public void Port_unreachable_for_a_translated_udp_datagram_reaches_the_inside_host()
    {
        SourceNatTranslator nat = Create(_clock);
        byte[] original = NatPackets.Udp(HostA, 4000, Server, 9);
        byte[] sent = [.. original];
        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateOutbound(sent));

        byte[] error = NatPackets.IcmpError(Server, Virtual, DestinationUnreachable, PortUnreachable, sent);
        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateInbound(error));

        Assert.Equal(NatPackets.IcmpError(Server, HostA, DestinationUnreachable, PortUnreachable, original), error);
        NatPackets.AssertChecksumsValid(error);
        NatPackets.AssertChecksumsValid(error.AsSpan(28));
        Assert.Equal(1, nat.Statistics[SourceNatCounter.IcmpErrorsTranslated]);
    }

    [Fact]
    public void Error_quoting_a_remapped_port_restores_the_inside_port()
    {
        SourceNatTranslator nat = Create(_clock);
        nat.TranslateOutbound(NatPackets.Udp(HostA, 4000, Server, 9));
        byte[] original = NatPackets.Udp(HostB, 4000, Server, 9);
        byte[] sent = [.. original];
        nat.TranslateOutbound(sent);
        Assert.NotEqual(4000, NatPackets.SourcePort(sent));

        byte[] error = NatPackets.IcmpError(Router, Virtual, TimeExceeded, 0, sent);
        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateInbound(error));
        Assert.Equal(NatPackets.IcmpError(Router, HostB, TimeExceeded, 0, original), error);
    }

    [Fact]
    public void Time_exceeded_for_a_ping_is_matched_by_the_quoted_echo_id()
    {
        SourceNatTranslator nat = Create(_clock);
        nat.TranslateOutbound(NatPackets.Echo(HostB, Server, request: true, id: 77));
        byte[] original = NatPackets.Echo(HostA, Server, request: true, id: 77);
        byte[] sent = [.. original];
        nat.TranslateOutbound(sent);

        byte[] error = NatPackets.IcmpError(Router, Virtual, TimeExceeded, 0, sent);
        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateInbound(error));
        Assert.Equal(NatPackets.IcmpError(Router, HostA, TimeExceeded, 0, original), error);
    }

    [Fact]
    public void Error_quoting_only_eight_bytes_of_tcp_keeps_the_icmp_checksum_right()
    {
        SourceNatTranslator nat = Create(_clock);
        nat.TranslateOutbound(NatPackets.Tcp(HostA, 41_000, Server, 443, NatPackets.Syn));
        byte[] original = NatPackets.Tcp(HostB, 41_000, Server, 443, NatPackets.Syn);
        byte[] sent = [.. original];
        nat.TranslateOutbound(sent);

        byte[] error = NatPackets.IcmpError(Router, Virtual, DestinationUnreachable, 1, sent, quotedLength: 28);
        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateInbound(error));
        Assert.Equal(NatPackets.IcmpError(Router, HostB, DestinationUnreachable, 1, original, quotedLength: 28), error);
        NatPackets.AssertChecksumsValid(error);
    }

    [Fact]
    public void Error_from_an_inside_host_about_a_reply_leaves_as_the_virtual_address()
    {
        SourceNatTranslator nat = Create(_clock);
        byte[] request = NatPackets.Udp(HostA, 4000, Server, 9);
        nat.TranslateOutbound(request);
        byte[] reply = NatPackets.Udp(Server, 9, Virtual, 4000);
        byte[] received = [.. reply];
        nat.TranslateInbound(received);

        byte[] error = NatPackets.IcmpError(HostA, Server, DestinationUnreachable, PortUnreachable, received);
        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateOutbound(error));
        Assert.Equal(NatPackets.IcmpError(Virtual, Server, DestinationUnreachable, PortUnreachable, reply), error);
        NatPackets.AssertChecksumsValid(error);
    }

    [Fact]
    public void Error_from_an_inside_host_about_no_known_connection_is_dropped()
    {
        SourceNatTranslator nat = Create(_clock);
        byte[] stray = NatPackets.Udp(Server, 9, HostA, 4000);
        byte[] error = NatPackets.IcmpError(HostA, Server, DestinationUnreachable, PortUnreachable, stray);

        Assert.Equal(SourceNatVerdict.Dropped, nat.TranslateOutbound(error));
        Assert.Equal(1, nat.Statistics[SourceNatCounter.NoConnection]);
    }

    [Fact]
    public void Error_about_the_endpoint_hosts_own_traffic_is_left_alone()
    {
        SourceNatTranslator nat = Create(_clock);
        byte[] own = NatPackets.Udp(Virtual, 4000, Server, 9);
        byte[] error = NatPackets.IcmpError(Server, Virtual, DestinationUnreachable, PortUnreachable, own);
        byte[] before = [.. error];

        Assert.Equal(SourceNatVerdict.Unchanged, nat.TranslateInbound(error));
        Assert.Equal(before, error);
    }

    [Fact]
    public void Fragmentation_needed_written_by_the_endpoint_for_a_translated_packet_reaches_the_inside_host()
    {
        SourceNatTranslator nat = Create(_clock);
        byte[] original = NatPackets.Tcp(HostA, 40_000, Server, 443, payloadLength: 1400);
        original[6] |= 0x40; // DF: the host does path MTU discovery
        original[10] = original[11] = 0;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(original.AsSpan(10), InternetChecksum.Compute(original.AsSpan(0, 20)));
        byte[] sent = [.. original];
        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateOutbound(sent));

        var reply = new PacketBuffer(2048, 0);
        Assert.True(PacketTooBig.TryWrite(sent, 1400, System.Net.IPAddress.Parse(Server).GetAddressBytes(), reply));
        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateInbound(reply.Data));

        byte[] error = reply.Data.ToArray();
        Assert.Equal(System.Net.IPAddress.Parse(HostA), NatPackets.Destination(error));
        NatPackets.AssertChecksumsValid(error);
        Assert.Equal(original.AsSpan(0, 40).ToArray(), error.AsSpan(28, 40).ToArray()); // the quoted IP and TCP headers as the host sent them
    }
}
