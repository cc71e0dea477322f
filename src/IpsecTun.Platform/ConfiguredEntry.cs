namespace IpsecTun.Platform;

/// <summary>An address, a route or a routing rule this process added, remembered so that it can be removed again.</summary>
internal readonly record struct ConfiguredEntry(InterfaceAddress? Address, RouteEntry? Route, RoutingRule? Rule = null)
{
    public override string ToString() => Rule?.ToString() ?? Route?.ToString() ?? Address?.ToString() ?? "";
}
