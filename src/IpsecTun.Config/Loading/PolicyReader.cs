using IpsecTun.Config.Values;

namespace IpsecTun.Config.Loading;

/// <summary>
/// Reads an <c>ip.ipsec.policy</c> entry. The entry with <c>default=yes</c> edits RouterOS's built-in
/// template, whose own defaults (group default, ::/0 to ::/0, template) stand where it says nothing.
/// </summary>
internal static class PolicyReader
{
    public static Policy Read(EntryReader r)
    {
        var isDefault = r.Value("default", "no", RouterOsValue.ParseBool);
        if (isDefault)
        {
            r.Describe("default template");
        }

        var anyAddress = isDefault ? "::/0" : "0.0.0.0/32";
        return new Policy(
            Action: r.Value("action", "encrypt", t => RouterOsValue.ParseName(t, RouterOsNames.PolicyActions)),
            Comment: r.Text("comment"),
            Disabled: r.Value("disabled", "no", RouterOsValue.ParseBool),
            DstAddress: r.Value("dst-address", anyAddress, AddressParser.ParsePrefix),
            DstPort: r.Value("dst-port", "any", RouterOsValue.ParsePortOrAny),
            Group: r.Value("group", PolicyGroup.DefaultName, t => t),
            IpsecProtocols: r.Value("ipsec-protocols", "esp", t => RouterOsValue.ParseName(t, RouterOsNames.IpsecProtocols)),
            Level: r.Value("level", "require", t => RouterOsValue.ParseName(t, RouterOsNames.PolicyLevels)),
            Peer: r.Text("peer"),
            Proposal: r.Value("proposal", Proposal.DefaultName, t => t),
            Protocol: r.Value("protocol", "all", IpProtocolNames.Parse),
            SrcAddress: r.Value("src-address", anyAddress, AddressParser.ParsePrefix),
            SrcPort: r.Value("src-port", "any", RouterOsValue.ParsePortOrAny),
            Template: r.Value("template", isDefault ? "yes" : "no", RouterOsValue.ParseBool),
            Tunnel: r.Value("tunnel", "no", RouterOsValue.ParseBool),
            IsDefault: isDefault);
    }
}
