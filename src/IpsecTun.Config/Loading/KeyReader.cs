namespace IpsecTun.Config.Loading;

/// <summary>Reads an <c>ip.ipsec.key</c> entry.</summary>
internal static class KeyReader
{
    public static IpsecKey Read(EntryReader r)
    {
        var name = r.Name();
        var file = r.Text("file");
        if (file is null)
        {
            r.Error("file", "is required: the file that holds the key");
        }

        return new IpsecKey(name, file ?? "");
    }
}
