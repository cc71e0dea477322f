using System.Net;

namespace IpsecTun.Platform.State;

/// <summary>A <see cref="RouteEntry"/> in the state file's text form (table 0 and no source in files that predate them).</summary>
public sealed record RouteRecord(string Destination, int PrefixLength, int InterfaceIndex, string? Gateway, int Metric, int Table = 0, string? PreferredSource = null)
{
    public static RouteRecord From(RouteEntry route) =>
        new(route.Destination.ToString(), route.PrefixLength, route.InterfaceIndex, route.Gateway?.ToString(), route.Metric, route.Table, route.PreferredSource?.ToString());

    public RouteEntry ToRoute() =>
        new(IPAddress.Parse(Destination), PrefixLength, InterfaceIndex, Gateway is null ? null : IPAddress.Parse(Gateway), Metric)
        {
            Table = Table,
            PreferredSource = PreferredSource is null ? null : IPAddress.Parse(PreferredSource),
        };
}
