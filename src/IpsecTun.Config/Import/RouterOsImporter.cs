namespace IpsecTun.Config.Import;

/// <summary>
/// Imports a RouterOS export or hand-written script into the configuration file: menu lines,
/// <c>add</c>, one-line <c>/menu add</c>, <c>set [ find … ]</c>, <c>set name</c>, continuations, quoting,
/// comments and abbreviations. Menus ipsectun does not use are listed as skipped, never dropped silently.
/// </summary>
public static class RouterOsImporter
{
    public static RouterOsImport Import(string script, string fileName)
    {
        ArgumentNullException.ThrowIfNull(script);
        var session = new ImportSession(fileName);
        foreach (var line in ScriptLine.Split(script))
        {
            session.Process(line);
        }

        return session.Finish();
    }
}
