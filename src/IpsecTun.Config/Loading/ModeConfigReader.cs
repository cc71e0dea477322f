using IpsecTun.Config.Values;

namespace IpsecTun.Config.Loading;

/// <summary>
/// Reads an <c>ip.ipsec.mode-config</c> entry. responder defaults to yes, as every server example of
/// the manual assumes, except for the built-in <c>request-only</c> entry, which is an initiator.
/// </summary>
internal static class ModeConfigReader
{
    public static ModeConfig Read(EntryReader r)
    {
        var name = r.Name();
        var staticDns = r.List("static-dns", null, AddressParser.ParseAddress);
        return new ModeConfig(
            Name: name,
            Address: r.Optional("address", ParseOptionalAddress),
            AddressPool: NoneIsNull(r.Text("address-pool")),
            AddressPrefixLength: r.OptionalValue("address-prefix-length", t => (int)RouterOsValue.ParseInteger(t, 1, 32)),
            Comment: r.Text("comment"),
            Responder: r.Value("responder", name == ModeConfig.RequestOnlyName ? "no" : "yes", RouterOsValue.ParseBool),
            SplitInclude: r.List("split-include", null, AddressParser.ParsePrefix),
            SrcAddressList: r.Text("src-address-list"),
            StaticDns: staticDns,
            SystemDns: r.Value("system-dns", staticDns.IsEmpty ? "yes" : "no", RouterOsValue.ParseBool));
    }

    private static System.Net.IPAddress? ParseOptionalAddress(string text) =>
        text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase) ? null : AddressParser.ParseAddress(text);

    private static string? NoneIsNull(string? text) =>
        text is null || text.Equals("none", StringComparison.OrdinalIgnoreCase) ? null : text;
}
