namespace IpsecTun.Config.Loading;

/// <summary>Reads an <c>ip.ipsec.key</c> entry.</summary>
internal static class KeyReader
{
    public static IpsecKey Read(EntryReader r)
    {
        var name = r.Name();
        var file = r.Required("file", "the file that holds the key", _ => name);
        if (file is not null && !File.Exists(Path.GetFullPath(file, r.BaseDirectory)))
        {
            r.Error("file", $"{Path.GetFullPath(file, r.BaseDirectory)} does not exist");
        }

        return new IpsecKey(name, file ?? "");
    }
}
