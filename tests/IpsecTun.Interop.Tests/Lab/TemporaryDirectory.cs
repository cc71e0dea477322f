namespace IpsecTun.Interop.Tests.Lab;

/// <summary>A private folder for one test's configuration files, deleted on Dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = Directory.CreateTempSubdirectory("ipsectun-interop-").FullName;
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="text"/> to a file under the folder (creating subfolders) and returns its full path.</summary>
    public string Write(string relativePath, string text)
    {
        string path = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
