using IpsecTun.Config.Values;

namespace IpsecTun.Config.Tests;

public sealed class RouterOsTimeTests
{
    [Theory]
    [InlineData("30m", 30 * 60)]
    [InlineData("2m", 120)]
    [InlineData("8h", 8 * 3600)]
    [InlineData("1d", 86400)]
    [InlineData("1w", 7 * 86400)]
    [InlineData("1d2h3m", 86400 + 7200 + 180)]
    [InlineData("1h30s", 3630)]
    [InlineData("00:30:00", 1800)]
    [InlineData("1d02:00:00", 86400 + 7200)]
    [InlineData("3600", 3600)]
    public void Parses_RouterOS_durations(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RouterOsTime.Parse(text));

    [Fact]
    public void Parses_milliseconds() => Assert.Equal(TimeSpan.FromMilliseconds(300), RouterOsTime.Parse("300ms"));

    [Theory]
    [InlineData("")]
    [InlineData("1x")]
    [InlineData("m")]
    [InlineData("1d 2h")]
    [InlineData("-5m")]
    public void Rejects_what_is_not_a_duration(string text)
    {
        var e = Assert.Throws<InvalidValueException>(() => RouterOsTime.Parse(text));
        Assert.Contains("30m", e.Message, StringComparison.Ordinal);
    }
}
