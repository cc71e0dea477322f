using static IpsecTun.Esp.Tests.NatSetup;

namespace IpsecTun.Esp.Tests;

public sealed class SourceNatTimeoutTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public void Udp_connection_lives_three_minutes_from_its_last_packet()
    {
        SourceNatTranslator nat = Create(_clock);
        nat.TranslateOutbound(NatPackets.Udp(HostA, 1000, Server, 53));
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateInbound(NatPackets.Udp(Server, 53, Virtual, 1000)));
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateInbound(NatPackets.Udp(Server, 53, Virtual, 1000)));

        _clock.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1));
        Assert.Equal(SourceNatVerdict.Unchanged, nat.TranslateInbound(NatPackets.Udp(Server, 53, Virtual, 1000)));
        Assert.Equal(1, nat.Statistics[SourceNatCounter.Expired]);
        Assert.Equal(0, nat.ConnectionCount);
    }

    [Fact]
    public void Icmp_echo_id_lives_thirty_seconds()
    {
        SourceNatTranslator nat = Create(_clock);
        nat.TranslateOutbound(NatPackets.Echo(HostA, Server, request: true, id: 9));
        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateInbound(NatPackets.Echo(Server, Virtual, request: false, id: 9)));
        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(SourceNatVerdict.Unchanged, nat.TranslateInbound(NatPackets.Echo(Server, Virtual, request: false, id: 9)));
    }

    [Fact]
    public void Established_tcp_survives_a_day_less_a_minute_idle()
    {
        SourceNatTranslator nat = Create(_clock);
        Handshake(nat);
        _clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(1));
        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateInbound(NatPackets.Tcp(Server, 22, Virtual, 33_000)));
        _clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(SourceNatVerdict.Unchanged, nat.TranslateInbound(NatPackets.Tcp(Server, 22, Virtual, 33_000)));
    }

    [Fact]
    public void Tcp_that_never_got_a_reply_lives_only_the_transitory_timeout()
    {
        SourceNatTranslator nat = Create(_clock);
        nat.TranslateOutbound(NatPackets.Tcp(HostA, 33_000, Server, 22, NatPackets.Syn));
        _clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(1));
        Assert.Equal(SourceNatVerdict.Unchanged, nat.TranslateInbound(NatPackets.Tcp(Server, 22, Virtual, 33_000, NatPackets.Syn | NatPackets.Ack)));
    }

    [Fact]
    public void A_fin_shortens_an_established_connection_to_four_minutes()
    {
        SourceNatTranslator nat = Create(_clock);
        Handshake(nat);
        nat.TranslateOutbound(NatPackets.Tcp(HostA, 33_000, Server, 22, NatPackets.Fin | NatPackets.Ack));
        _clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateInbound(NatPackets.Tcp(Server, 22, Virtual, 33_000, NatPackets.Fin | NatPackets.Ack)));
        _clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(1));
        Assert.Equal(SourceNatVerdict.Unchanged, nat.TranslateInbound(NatPackets.Tcp(Server, 22, Virtual, 33_000)));
    }

    [Fact]
    public void An_rst_leaves_ten_seconds_for_stray_segments()
    {
        SourceNatTranslator nat = Create(_clock);
        Handshake(nat);
        nat.TranslateInbound(NatPackets.Tcp(Server, 22, Virtual, 33_000, NatPackets.Rst));
        _clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateInbound(NatPackets.Tcp(Server, 22, Virtual, 33_000)));
        _clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(SourceNatVerdict.Unchanged, nat.TranslateInbound(NatPackets.Tcp(Server, 22, Virtual, 33_000)));
    }

    [Fact]
    public void Remove_expired_sweeps_only_idle_connections()
    {
        SourceNatTranslator nat = Create(_clock);
        nat.TranslateOutbound(NatPackets.Echo(HostA, Server, request: true, id: 1));
        nat.TranslateOutbound(NatPackets.Udp(HostA, 1000, Server, 53));
        Handshake(nat);
        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(1, nat.RemoveExpired());
        Assert.Equal(2, nat.ConnectionCount);
        _clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(1, nat.RemoveExpired());
        Assert.Equal(1, nat.ConnectionCount);
        Assert.Equal(2, nat.Statistics[SourceNatCounter.Expired]);
    }

    [Fact]
    public void A_full_table_refuses_new_flows_while_every_connection_is_recent()
    {
        SourceNatTranslator nat = Create(_clock, capacity: 2);
        nat.TranslateOutbound(NatPackets.Udp(HostA, 1, Server, 53));
        nat.TranslateOutbound(NatPackets.Udp(HostA, 2, Server, 53));
        _clock.Advance(TimeSpan.FromSeconds(10));

        byte[] third = NatPackets.Udp(HostA, 3, Server, 53);
        byte[] before = [.. third];
        Assert.Equal(SourceNatVerdict.Dropped, nat.TranslateOutbound(third));
        Assert.Equal(before, third);
        Assert.Equal(1, nat.Statistics[SourceNatCounter.TableFull]);
        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateInbound(NatPackets.Udp(Server, 53, Virtual, 1)));
    }

    [Fact]
    public void A_full_table_evicts_the_connection_idle_longest()
    {
        SourceNatTranslator nat = Create(_clock, capacity: 2);
        nat.TranslateOutbound(NatPackets.Udp(HostA, 1, Server, 53));
        nat.TranslateOutbound(NatPackets.Udp(HostA, 2, Server, 53));
        _clock.Advance(TimeSpan.FromSeconds(40));
        nat.TranslateOutbound(NatPackets.Udp(HostA, 1, Server, 53)); // port 2 is now the one idle longest

        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateOutbound(NatPackets.Udp(HostA, 3, Server, 53)));
        Assert.Equal(1, nat.Statistics[SourceNatCounter.Evicted]);
        Assert.Equal(SourceNatVerdict.Unchanged, nat.TranslateInbound(NatPackets.Udp(Server, 53, Virtual, 2)));
        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateInbound(NatPackets.Udp(Server, 53, Virtual, 1)));
        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateInbound(NatPackets.Udp(Server, 53, Virtual, 3)));
        Assert.Equal(2, nat.ConnectionCount);
    }

    private static void Handshake(SourceNatTranslator nat)
    {
        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateOutbound(NatPackets.Tcp(HostA, 33_000, Server, 22, NatPackets.Syn)));
        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateInbound(NatPackets.Tcp(Server, 22, Virtual, 33_000, NatPackets.Syn | NatPackets.Ack)));
        Assert.Equal(SourceNatVerdict.Translated, nat.TranslateOutbound(NatPackets.Tcp(HostA, 33_000, Server, 22, NatPackets.Ack)));
    }
}
