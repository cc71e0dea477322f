using System.Net;
using IpsecTun.Core;
using IpsecTun.Crypto;

namespace IpsecTun.Esp.Tests;

public class SecurityAssociationDatabaseTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly List<SaLifetimeEvent> _events = [];

    private SecurityAssociationDatabase Database()
    {
        var sad = new SecurityAssociationDatabase(_time);
        sad.LifetimeReached = _events.Add;
        return sad;
    }

    private static SecurityAssociationSettings Ah(uint spi, SaDirection direction, SecurityPolicy? policy = null, SaLifetime? lifetime = null) => new()
    {
        Spi = spi,
        Direction = direction,
        Protocol = IpsecProtocols.Ah,
        Source = IPAddress.Parse("192.0.2.1"),
        Destination = IPAddress.Parse("192.0.2.2"),
        Integrity = IntegrityAlgorithms.HmacSha2_256_128,
        IntegrityKey = new byte[32],
        Policy = policy,
        Lifetime = lifetime ?? SaLifetime.Unlimited,
    };

    private static SecurityPolicy Policy() => new(new TrafficSelector(IpPrefix.Parse("10.0.0.0/8"), IpPrefix.Parse("10.0.0.0/8"))) { Tunnel = true };

    [Fact]
    public void Reserved_spi_is_larval_until_installed_and_then_found_by_spi()
    {
        SecurityAssociationDatabase sad = Database();
        uint spi = sad.ReserveSpi(RandomSource.System);

        Assert.True(spi >= 256);
        Assert.True(sad.TryGetInbound(spi, out SecurityAssociation? larval));
        Assert.Equal(SaState.Larval, larval.State);

        SecurityAssociation sa = sad.Install(Ah(spi, SaDirection.Inbound));
        Assert.True(sad.TryGetInbound(spi, out SecurityAssociation? found));
        Assert.Same(sa, found);
        Assert.Equal(SaState.Mature, sa.State);
        Assert.Equal(_time.Now, sa.AddTime);
        Assert.Throws<InvalidOperationException>(() => sad.Install(Ah(spi, SaDirection.Inbound)));
    }

    [Fact]
    public void Inconsistent_settings_are_refused_at_install()
    {
        SecurityAssociationDatabase sad = Database();

        Assert.Throws<ArgumentException>(() => sad.Install(Ah(300, SaDirection.Inbound) with { Integrity = null }));
        Assert.Throws<ArgumentException>(() => sad.Install(Ah(301, SaDirection.Inbound) with { IntegrityKey = new byte[5] }));
        Assert.Throws<ArgumentException>(() => sad.Install(Ah(302, SaDirection.Inbound) with { Destination = IPAddress.IPv6Loopback }));
        Assert.False(sad.TryGetInbound(300, out _));
    }

    [Fact]
    public void Time_lifetimes_raise_soft_then_hard_once_and_the_tick_removes_the_dead_sa()
    {
        SecurityAssociationDatabase sad = Database();
        var lifetime = new SaLifetime { SoftTime = TimeSpan.FromMinutes(20), HardTime = TimeSpan.FromMinutes(30) };
        SecurityAssociation sa = sad.Install(Ah(1000, SaDirection.Inbound, lifetime: lifetime));
        Assert.Equal("20m/30m", sa.Lifetime.AddLifetime);

        _time.Advance(TimeSpan.FromMinutes(19));
        Assert.Empty(sad.Tick());
        Assert.Empty(_events);
        Assert.Equal(TimeSpan.FromMinutes(1), sa.ExpiresIn(_time.Now));

        _time.Advance(TimeSpan.FromMinutes(1));
        sad.Tick();
        sad.Tick();
        Assert.Equal([new SaLifetimeEvent(sa, LifetimeLimit.Soft, LifetimeMeasure.Time)], _events);
        Assert.Equal(SaState.Dying, sa.State);

        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal([sa], sad.Tick());
        Assert.Equal(new SaLifetimeEvent(sa, LifetimeLimit.Hard, LifetimeMeasure.Time), _events[^1]);
        Assert.Equal(2, _events.Count);
        Assert.Equal(SaState.Dead, sa.State);
        Assert.False(sad.TryGetInbound(1000, out _));
    }

    [Fact]
    public void Byte_lifetimes_are_counted_per_packet()
    {
        var pair = new PeerPair(new SaSpec
        {
            Protocol = IpsecProtocols.Ah, Integrity = IntegrityAlgorithms.HmacSha1_96,
            Lifetime = new SaLifetime { SoftBytes = 250, HardBytes = 400 },
        });
        var events = new List<SaLifetimeEvent>();
        pair.LeftSad.LifetimeReached = events.Add;
        byte[] packet = pair.InnerPacket(72); // 100 bytes of inner packet: the tunnel-mode payload

        pair.Protect(packet);
        pair.Protect(packet);
        Assert.Empty(events);
        Assert.Equal(200, pair.Outbound.CurrentBytes);
        pair.Protect(packet);
        Assert.Equal([new SaLifetimeEvent(pair.Outbound, LifetimeLimit.Soft, LifetimeMeasure.Bytes)], events);
        pair.Protect(packet);
        Assert.Equal(LifetimeLimit.Hard, events[^1].Limit);
        Assert.Equal(SaState.Dead, pair.Outbound.State);

        OutboundResult refused = pair.Left.ProcessOutbound(Packets.Buffer(packet));
        Assert.Equal(IpsecCounter.OutStateExpired, refused.DropReason);
        Assert.Equal(1, pair.LeftStatistics[IpsecCounter.OutStateExpired]);
        Assert.Equal(4, pair.Outbound.Packets);
    }

    [Fact]
    public void Outbound_sa_belongs_to_its_policy_and_the_newest_wins_until_it_is_removed()
    {
        SecurityAssociationDatabase sad = Database();
        SecurityPolicy policy = Policy();
        Assert.Equal(Ph2State.NoPhase2, policy.Ph2State);

        sad.Install(Ah(2000, SaDirection.Inbound, policy));
        SecurityAssociation first = sad.Install(Ah(2001, SaDirection.Outbound, policy));
        SecurityAssociation rekeyed = sad.Install(Ah(2002, SaDirection.Outbound, policy));
        SecurityAssociation rekeyedIn = sad.Install(Ah(2003, SaDirection.Inbound, policy));

        Assert.Same(rekeyed, policy.OutboundSa);
        Assert.Equal(Ph2State.Established, policy.Ph2State);
        Assert.Equal(2, policy.Ph2Count);

        sad.Remove(rekeyed);
        Assert.Same(first, policy.OutboundSa);
        sad.Remove(rekeyedIn);
        Assert.Equal(1, policy.Ph2Count);
        Assert.Equal(4 - 2, sad.InstalledSas.Count);
    }

    [Fact]
    public void Policy_shows_expired_when_its_last_sa_reached_the_hard_lifetime()
    {
        SecurityAssociationDatabase sad = Database();
        SecurityPolicy policy = Policy();
        sad.Install(Ah(3000, SaDirection.Inbound, policy, new SaLifetime { HardTime = TimeSpan.FromHours(1) }));

        _time.Advance(TimeSpan.FromHours(1));
        sad.Tick();

        Assert.Equal(Ph2State.Expired, policy.Ph2State);
        Assert.Equal(0, policy.Ph2Count);
    }

    [Fact]
    public void Flush_removes_every_sa_and_returns_them()
    {
        SecurityAssociationDatabase sad = Database();
        sad.Install(Ah(4000, SaDirection.Inbound));
        sad.Install(Ah(4001, SaDirection.Outbound));

        IReadOnlyList<SecurityAssociation> flushed = sad.Flush();

        Assert.Equal(2, flushed.Count);
        Assert.All(flushed, sa => Assert.Equal(SaState.Dead, sa.State));
        Assert.Empty(sad.InstalledSas);
    }
}
