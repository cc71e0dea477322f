using System.Net;
using IpsecTun.Config.Values;

namespace IpsecTun.Config.Loading;

/// <summary>Reads a <c>radius</c> entry with RouterOS's defaults (ports 1812/1813, 300ms timeout).</summary>
internal static class RadiusReader
{
    public static RadiusServer Read(EntryReader r)
    {
        var address = r.Optional("address", AddressParser.ParseAddress);
        if (address is null && r.Text("address") is null)
        {
            r.Error("address", "is required: the RADIUS server's IP address");
        }
        else if (address is not null)
        {
            r.Describe(address.ToString());
        }

        var secret = r.Secret("secret");
        if (secret is null && r.Text("secret") is null)
        {
            r.Error("secret", "is required: the secret shared with the RADIUS server");
        }

        return new RadiusServer(
            Address: address ?? IPAddress.None,
            Secret: secret ?? new Secret([]),
            Service: r.List("service", null, t => t.ToLowerInvariant()),
            AuthenticationPort: r.Value("authentication-port", "1812", RouterOsValue.ParsePort),
            AccountingPort: r.Value("accounting-port", "1813", RouterOsValue.ParsePort),
            Timeout: r.Value("timeout", "300ms", RouterOsTime.Parse),
            Comment: r.Text("comment"),
            Disabled: r.Value("disabled", "no", RouterOsValue.ParseBool));
    }
}
