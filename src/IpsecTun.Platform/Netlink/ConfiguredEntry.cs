using System.Net;

namespace IpsecTun.Platform.Netlink;

/// <summary>An address or route this process added, remembered so that it can be removed again.</summary>
internal sealed record ConfiguredEntry(bool IsRoute, int InterfaceIndex, IPAddress Address, int PrefixLength)
{
    public override string ToString() =>
        $"{(IsRoute ? "route" : "address")} {Address}/{PrefixLength} on interface {InterfaceIndex}";
}
