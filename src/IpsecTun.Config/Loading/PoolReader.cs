using IpsecTun.Config.Values;

namespace IpsecTun.Config.Loading;

/// <summary>Reads an <c>ip.pool</c> entry.</summary>
internal static class PoolReader
{
    public static AddressPool Read(EntryReader r)
    {
        var name = r.Name();
        var ranges = r.List("ranges", null, AddressParser.ParseRange);
        if (ranges.IsEmpty && r.Text("ranges") is null)
        {
            r.Error("ranges", "is required: addresses such as 192.168.77.2-192.168.77.254, comma separated");
        }

        return new AddressPool(name, ranges, r.Text("next-pool"), r.Text("comment"));
    }
}
