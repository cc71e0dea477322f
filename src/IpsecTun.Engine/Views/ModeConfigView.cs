using IpsecTun.Config;
using IpsecTun.Engine.Control;

namespace IpsecTun.Engine.Views;

/// <summary>The mode-config menu as configured; flag * for the built-in request-only entry.</summary>
public static class ModeConfigView
{
    public static IReadOnlyList<ViewRow> Build(IpsecConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return [.. configuration.ModeConfigs.Select(modeConfig => new RowBuilder()
            .Flag('*', modeConfig.Name == ModeConfig.RequestOnlyName)
            .Add("comment", modeConfig.Comment)
            .Add("name", modeConfig.Name)
            .Add("responder", modeConfig.Responder)
            .Add("address", modeConfig.Address)
            .Add("address-pool", modeConfig.AddressPool)
            .Add("address-prefix-length", modeConfig.AddressPrefixLength)
            .Add("split-include", modeConfig.SplitInclude.IsEmpty ? null : RouterOsText.List(modeConfig.SplitInclude, n => n.ToString()))
            .Add("static-dns", modeConfig.StaticDns.IsEmpty ? null : RouterOsText.List(modeConfig.StaticDns, a => a.ToString()))
            .Add("system-dns", modeConfig.SystemDns)
            .Add("src-address-list", modeConfig.SrcAddressList)
            .Build())];
    }
}
