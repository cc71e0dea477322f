using System.Net;
using IpsecTun.Config.Values;

namespace IpsecTun.Config.Loading;

/// <summary>Reads an <c>ip.firewall.address-list</c> entry.</summary>
internal static class AddressListReader
{
    public static AddressListEntry Read(EntryReader r)
    {
        var list = r.Required("list", "the name of the list this address belongs to", l => $"list {l}");

        var address = r.OptionalValue("address", AddressParser.ParsePrefix);
        if (address is null && r.Text("address") is null)
        {
            r.Error("address", "is required: an address or prefix such as 192.168.88.0/24");
        }

        return new AddressListEntry(
            list ?? "", address ?? new IPNetwork(IPAddress.Any, 0), r.Text("comment"),
            r.Value("disabled", "no", RouterOsValue.ParseBool));
    }
}
