using System.Net;

namespace IpsecTun.Platform.State;

/// <summary>A <see cref="RouteEntry"/> in the state file's text form.</summary>
public sealed record RouteRecord(string Destination, int PrefixLength, int InterfaceIndex, string? Gateway, int Metric)
{
    public static RouteRecord From(RouteEntry route) =>
        new(route.Destination.ToString(), route.PrefixLength, route.InterfaceIndex, route.Gateway?.ToString(), route.Metric);

    public RouteEntry ToRoute() =>
        new(IPAddress.Parse(Destination), PrefixLength, InterfaceIndex, Gateway is null ? null : IPAddress.Parse(Gateway), Metric);
}
