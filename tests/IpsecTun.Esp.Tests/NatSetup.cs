using System.Net;
using IpsecTun.Core;

namespace IpsecTun.Esp.Tests;

/// <summary>The manual's RoadWarrior-with-NAT example: 192.168.88.0/24 behind a client that received 192.168.77.254.</summary>
internal static class NatSetup
{
    public const string Virtual = "192.168.77.254";
    public const string HostA = "192.168.88.10";
    public const string HostB = "192.168.88.20";
    public const string Server = "10.5.8.1";
    public const string Router = "10.5.8.254";

    public static SourceNatTranslator Create(
        TimeProvider clock, int capacity = 1024, ushort firstRemapPort = 61_000, ushort lastRemapPort = 65_535, params string[] destinations) =>
        new(new SourceNatSettings
        {
            TranslatedAddress = IPAddress.Parse(Virtual),
            InsideNetworks = [IpPrefix.Parse("192.168.88.0/24")],
            Destinations = [.. destinations.Select(IpPrefix.Parse)],
            Capacity = capacity,
            FirstRemapPort = firstRemapPort,
            LastRemapPort = lastRemapPort,
        }, clock);

    /// <summary>Sums the counters of every reason to drop, to compare with the number of Dropped verdicts.</summary>
    public static long Drops(SourceNatStatistics statistics) =>
        statistics[SourceNatCounter.Malformed] + statistics[SourceNatCounter.Fragments] + statistics[SourceNatCounter.Unsupported]
        + statistics[SourceNatCounter.NoConnection] + statistics[SourceNatCounter.TableFull] + statistics[SourceNatCounter.NoPortAvailable];
}
