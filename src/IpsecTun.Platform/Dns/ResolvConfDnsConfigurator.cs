using System.Net;
using IpsecTun.Platform.State;

namespace IpsecTun.Platform.Dns;

/// <summary>
/// Replaces a resolv.conf with one naming the tunnel's servers, after moving the original aside (a
/// rename, so a symlink stays a symlink); <see cref="Restore"/> moves it back, or removes the file when
/// there was none. The backup's place is recorded in the endpoint's <see cref="StateFile"/> before the
/// file is touched, so that <see cref="StaleStateCleaner"/> restores it after a crash.
/// </summary>
/// <param name="path">/etc/resolv.conf, or /etc/netns/NAME/resolv.conf inside a named network namespace.</param>
/// <param name="state">The endpoint's state file, or null where crash recovery is not wanted (tests).</param>
public sealed class ResolvConfDnsConfigurator(string path, StateFile? state) : IDnsConfigurator
{
    private ResolvConfRecord? _applied;

    /// <summary>Where the original is kept while the tunnel is up: beside it, so the rename stays on one file system.</summary>
    public string BackupPath { get; } = path + ".ipsectun-backup";

    public void Apply(string interfaceName, IReadOnlyList<IPAddress> servers, IReadOnlyList<string> domains)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(domains);
        if (_applied is null)
        {
            bool existed = File.Exists(path) || new FileInfo(path).LinkTarget is not null;
            _applied = new ResolvConfRecord(path, existed ? BackupPath : null);
            state?.Record(_applied);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (existed)
            {
                File.Move(path, BackupPath, overwrite: true);
            }
        }

        string original = _applied.Backup is { } backup && File.Exists(backup) ? File.ReadAllText(backup) : string.Empty;
        string temporary = path + ".ipsectun-new";
        File.WriteAllText(temporary, ResolvConfFile.Render(interfaceName, servers, domains, original));
        File.Move(temporary, path, overwrite: true);
    }

    public void Restore()
    {
        if (_applied is { } applied)
        {
            ResolvConfFile.Restore(applied);
            state?.ForgetResolvConf();
            _applied = null;
        }
    }
}
