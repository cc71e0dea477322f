using System.Globalization;
using System.Text;
using IpsecTun.Core;

namespace IpsecTun.Engine.Views;

/// <summary>Values written the way RouterOS prints them: <c>1d2h3m4s</c>, <c>yes</c>/<c>no</c>, <c>any</c>, <c>all</c>.</summary>
internal static class RouterOsText
{
    private static readonly (long Ticks, string Unit)[] Units =
    [
        (TimeSpan.TicksPerDay * 7, "w"), (TimeSpan.TicksPerDay, "d"), (TimeSpan.TicksPerHour, "h"),
        (TimeSpan.TicksPerMinute, "m"), (TimeSpan.TicksPerSecond, "s"), (TimeSpan.TicksPerMillisecond, "ms"),
    ];

    // The protocol names RouterOS prints for the numbers a VPN policy commonly names; others print as numbers.
    private static readonly Dictionary<int, string> ProtocolNames = new()
    {
        [1] = "icmp", [2] = "igmp", [4] = "ipencap", [6] = "tcp", [17] = "udp", [33] = "dccp", [41] = "ipv6-encap",
        [47] = "gre", [50] = "ipsec-esp", [51] = "ipsec-ah", [58] = "icmpv6", [89] = "ospf", [112] = "vrrp",
        [115] = "l2tp", [132] = "sctp", [136] = "udp-lite",
    };

    /// <summary>A duration in weeks down to milliseconds, largest unit first, zero parts left out; 0s for nothing.</summary>
    public static string Duration(TimeSpan time)
    {
        long ticks = time.Ticks;
        if (ticks < TimeSpan.TicksPerMillisecond)
        {
            return "0s";
        }

        var text = new StringBuilder();
        foreach (var (unitTicks, unit) in Units)
        {
            long count = ticks / unitTicks;
            if (count > 0)
            {
                text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
                ticks -= count * unitTicks;
            }
        }

        return text.ToString();
    }

    public static string YesNo(bool value) => value ? "yes" : "no";

    /// <summary>A date and time as RouterOS 7 prints addtime: <c>2026-11-29 00:00:07</c>.</summary>
    public static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Protocol(int? protocol) => protocol switch
    {
        null => "all",
        int p when ProtocolNames.TryGetValue(p, out var name) => name,
        int p => p.ToString(CultureInfo.InvariantCulture),
    };

    public static string Port(int? port) => port?.ToString(CultureInfo.InvariantCulture) ?? "any";

    public static string Ports(PortRange range) => range.ToString();

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string List<T>(IEnumerable<T> items, Func<T, string> name) => string.Join(",", items.Select(name));
}
