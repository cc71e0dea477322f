using IpsecTun.Config.Values;

namespace IpsecTun.Config.Loading;

/// <summary>Reads <c>ip.ipsec.settings</c>. Accounting is on by default, as the manual's EAP example says.</summary>
internal static class SettingsReader
{
    public static IpsecSettings Read(EntryReader r) => new(
        Accounting: r.Value("accounting", "yes", RouterOsValue.ParseBool),
        InterimUpdate: r.Value("interim-update", "0s", RouterOsTime.Parse),
        XauthUseRadius: r.Value("xauth-use-radius", "no", RouterOsValue.ParseBool));
}
