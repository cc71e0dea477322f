namespace IpsecTun.Platform;

/// <summary>An address or a route this process added, remembered so that it can be removed again.</summary>
internal readonly record struct ConfiguredEntry(InterfaceAddress? Address, RouteEntry? Route)
{
    public override string ToString() => Route?.ToString() ?? Address?.ToString() ?? "";
}
