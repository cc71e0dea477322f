using System.Net;
using IpsecTun.Core;
using IpsecTun.Crypto;
using IpsecTun.Engine.Views;
using IpsecTun.Esp;

namespace IpsecTun.Engine.Tests.Views;

public sealed class InstalledSaViewTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 0, 0, 7, TimeSpan.Zero);

    private readonly ManualClock clock = new(Start);
    private readonly SecurityAssociationDatabase database;

    public InstalledSaViewTests() => database = new SecurityAssociationDatabase(clock);

    private SecurityAssociation InstallCbc()
    {
        TransformRegistry.TryGetEncryption("aes-128-cbc", out var cbc);
        TransformRegistry.TryGetIntegrity("sha1", out var sha1);
        return database.Install(new SecurityAssociationSettings
        {
            Spi = 0xC0FFEE01,
            Direction = SaDirection.Inbound,
            Source = IPAddress.Parse("192.168.90.1"),
            Destination = IPAddress.Parse("192.168.80.1"),
            Encryption = cbc,
            EncryptionKey = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray(),
            Integrity = sha1,
            IntegrityKey = Enumerable.Repeat((byte)0xAB, 20).ToArray(),
            ReplayWindow = 128,
            Lifetime = new SaLifetime { SoftTime = TimeSpan.FromMinutes(24), HardTime = TimeSpan.FromMinutes(30) },
            Policy = new SecurityPolicy(new TrafficSelector(IpPrefix.Parse("10.1.0.0/24"), IpPrefix.Parse("10.2.0.0/24"))),
        });
    }

    [Fact]
    public void An_ESP_SA_shows_the_manuals_properties_without_keys()
    {
        InstallCbc();
        clock.Now = Start.AddMinutes(4);

        var row = Assert.Single(InstalledSaView.Build(database.InstalledSas, clock.Now, withKeys: false));

        Assert.Equal("E", row.Flags);
        Assert.Equal("0xC0FFEE01", RowAssert.Value(row, "spi"));
        Assert.Equal("192.168.90.1", RowAssert.Value(row, "src-address"));
        Assert.Equal("192.168.80.1", RowAssert.Value(row, "dst-address"));
        Assert.Equal("mature", RowAssert.Value(row, "state"));
        Assert.Equal("sha1", RowAssert.Value(row, "auth-algorithm"));
        Assert.Equal("aes-cbc", RowAssert.Value(row, "enc-algorithm"));
        Assert.Equal("128", RowAssert.Value(row, "enc-key-size"));
        Assert.Equal("24m/30m", RowAssert.Value(row, "add-lifetime"));
        Assert.Equal("20m", RowAssert.Value(row, "expires-in"));
        Assert.Equal("2026-11-29 00:00:07", RowAssert.Value(row, "addtime"));
        Assert.Equal("128", RowAssert.Value(row, "replay"));
        Assert.Equal("0", RowAssert.Value(row, "current-bytes"));
        Assert.False(RowAssert.Has(row, "enc-key"));
        Assert.False(RowAssert.Has(row, "auth-key"));
    }

    [Fact]
    public void Keys_appear_in_hex_only_when_asked_for()
    {
        InstallCbc();
        var row = Assert.Single(InstalledSaView.Build(database.InstalledSas, clock.Now, withKeys: true));
        Assert.Equal("0102030405060708090a0b0c0d0e0f10", RowAssert.Value(row, "enc-key"));
        Assert.Equal(string.Concat(Enumerable.Repeat("ab", 20)), RowAssert.Value(row, "auth-key"));
    }

    [Fact]
    public void An_AEAD_SA_has_no_auth_algorithm_and_counts_its_salt_in_the_key_size()
    {
        TransformRegistry.TryGetEncryption("aes-256-gcm", out var gcm);
        database.Install(new SecurityAssociationSettings
        {
            Spi = 0x1234,
            Direction = SaDirection.Outbound,
            Source = IPAddress.Parse("2001:db8::1"),
            Destination = IPAddress.Parse("2001:db8::2"),
            Encryption = gcm,
            EncryptionKey = new byte[36],
            Lifetime = new SaLifetime { HardTime = TimeSpan.FromHours(1) },
        });
        clock.Now = Start.AddSeconds(3723);

        var row = Assert.Single(InstalledSaView.Build(database.InstalledSas, clock.Now, withKeys: true));

        Assert.False(RowAssert.Has(row, "auth-algorithm"));
        Assert.False(RowAssert.Has(row, "auth-key"));
        Assert.Equal(("aes-gcm", "288"), (RowAssert.Value(row, "enc-algorithm"), RowAssert.Value(row, "enc-key-size")));
        Assert.Equal("none/1h", RowAssert.Value(row, "add-lifetime"));
        Assert.Equal("0s", RowAssert.Value(row, "expires-in")); // past the hard lifetime, not yet removed by a tick
        Assert.False(RowAssert.Has(row, "replay")); // outbound SAs have no replay window
    }

    [Fact]
    public void An_SA_with_extended_sequence_numbers_has_the_S_flag()
    {
        TransformRegistry.TryGetIntegrity("sha256", out var sha256);
        database.Install(new SecurityAssociationSettings
        {
            Spi = 0x5151,
            Direction = SaDirection.Inbound,
            Protocol = IpsecProtocols.Ah,
            Source = IPAddress.Parse("192.168.90.1"),
            Destination = IPAddress.Parse("192.168.80.1"),
            Integrity = sha256,
            IntegrityKey = new byte[32],
            ExtendedSequenceNumbers = true,
            Lifetime = new SaLifetime { HardTime = TimeSpan.FromHours(1) },
        });
        InstallCbc();

        IReadOnlyList<Engine.Control.ViewRow> rows = InstalledSaView.Build(database.InstalledSas, clock.Now, withKeys: false);

        Assert.Equal(["AS", "E"], rows.OrderBy(r => RowAssert.Value(r, "spi"), StringComparer.Ordinal).Select(r => r.Flags));
    }

    [Fact]
    public void Larval_SAs_are_left_out_and_dying_ones_say_so()
    {
        database.ReserveSpi(RandomSource.System);
        var sa = InstallCbc();
        clock.Now = Start.AddMinutes(25);
        database.Tick();

        var row = Assert.Single(InstalledSaView.Build(database.InstalledSas, clock.Now, withKeys: false));
        Assert.Equal(SaState.Dying, sa.State);
        Assert.Equal(("dying", "5m"), (RowAssert.Value(row, "state"), RowAssert.Value(row, "expires-in")));
    }
}
