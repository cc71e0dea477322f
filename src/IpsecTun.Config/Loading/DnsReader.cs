using IpsecTun.Config.Values;

namespace IpsecTun.Config.Loading;

/// <summary>Reads <c>ip.dns</c>.</summary>
internal static class DnsReader
{
    public static DnsSettings Read(EntryReader r) => new(r.List("servers", null, AddressParser.ParseAddress));
}
