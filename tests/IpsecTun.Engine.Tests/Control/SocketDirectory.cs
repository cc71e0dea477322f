namespace IpsecTun.Engine.Tests.Control;

/// <summary>A fresh directory for one test's control socket (short, since socket paths are limited to 107 bytes), deleted afterwards.</summary>
internal sealed class SocketDirectory : IDisposable
{
    public SocketDirectory()
    {
        Path = Directory.CreateTempSubdirectory("ipsectun-ctl-").FullName;
    }

    public string Path { get; }

    /// <summary>The socket path inside the directory.</summary>
    public string Socket => System.IO.Path.Combine(Path, "control.sock");

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
