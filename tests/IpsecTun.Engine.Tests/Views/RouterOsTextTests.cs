using IpsecTun.Engine.Views;

namespace IpsecTun.Engine.Tests.Views;

public sealed class RouterOsTextTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(30 * 60, "30m")]
    [InlineData(8 * 3600, "8h")]
    [InlineData(86400 + (2 * 3600) + (3 * 60) + 4, "1d2h3m4s")]
    [InlineData((9 * 86400) + 1, "1w2d1s")]
    public void Durations_read_like_RouterOS(int seconds, string text) =>
        Assert.Equal(text, RouterOsText.Duration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Milliseconds_and_negative_durations()
    {
        Assert.Equal("1s300ms", RouterOsText.Duration(TimeSpan.FromMilliseconds(1300)));
        Assert.Equal("0s", RouterOsText.Duration(TimeSpan.FromSeconds(-5)));
    }

    [Fact]
    public void Protocols_by_name_where_RouterOS_has_one()
    {
        Assert.Equal(("all", "tcp", "ipsec-esp", "253"), (RouterOsText.Protocol(null), RouterOsText.Protocol(6), RouterOsText.Protocol(50), RouterOsText.Protocol(253)));
    }
}
