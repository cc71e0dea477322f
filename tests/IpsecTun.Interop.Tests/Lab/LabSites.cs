using System.Net;

namespace IpsecTun.Interop.Tests.Lab;

/// <summary>
/// The addresses a test of <see cref="SiteToSiteLab6"/> uses: outer ones of one family, inside ones and their
/// networks of the same family or the other (tunnel mode carries either inside either).
/// </summary>
internal sealed record LabSites(IPAddress LeftOuter, IPAddress RightOuter, IPAddress LeftInside, IPAddress RightInside, string LeftNet, string RightNet)
{
    public static LabSites Of(bool ipv6Outside, bool ipv6Inside)
    {
        (IPAddress leftOuter, IPAddress rightOuter) = ipv6Outside
            ? (SiteToSiteLab6.LeftOuter, SiteToSiteLab6.RightOuter)
            : (SiteToSiteLab.LeftOuter, SiteToSiteLab.RightOuter);
        return ipv6Inside
            ? new(leftOuter, rightOuter, SiteToSiteLab6.LeftInside, SiteToSiteLab6.RightInside, SiteToSiteLab6.LeftNet, SiteToSiteLab6.RightNet)
            : new(leftOuter, rightOuter, SiteToSiteLab.LeftInside, SiteToSiteLab.RightInside, "10.1.0.0/24", "10.2.0.0/24");
    }

    public override string ToString() =>
        $"{(LeftInside.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4")} over " +
        $"{(LeftOuter.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4")}";
}
