namespace IpsecTun.Config.Loading;

/// <summary>Reads an <c>ip.ipsec.key</c> entry.</summary>
internal static class KeyReader
{
    public static IpsecKey Read(EntryReader r)
    {
        var name = r.Name();
        var file = r.Required("file", "the file that holds the key", _ => name);

        return new IpsecKey(name, file ?? "");
    }
}
