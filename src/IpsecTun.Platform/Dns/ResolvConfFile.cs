using System.Net;
using System.Text;
using IpsecTun.Platform.State;

namespace IpsecTun.Platform.Dns;

/// <summary>Writing resolv.conf(5) for the tunnel and putting the original back.</summary>
public static class ResolvConfFile
{
    /// <summary>
    /// The servers and search domains given, plus the original's <c>options</c> lines (timeouts, edns0),
    /// which concern the resolver rather than the network. The original servers are left out on purpose:
    /// queries must not leave outside the tunnel.
    /// </summary>
    public static string Render(string interfaceName, IReadOnlyList<IPAddress> servers, IReadOnlyList<string> domains, string original)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(domains);
        ArgumentNullException.ThrowIfNull(original);
        var text = new StringBuilder();
        text.Append("# Written by ipsectun for ").Append(interfaceName).Append("; the previous file comes back when the tunnel goes down.\n");
        foreach (IPAddress server in servers)
        {
            text.Append("nameserver ").Append(server).Append('\n');
        }

        if (domains.Count > 0)
        {
            text.Append("search ").AppendJoin(' ', domains).Append('\n');
        }

        foreach (string line in original.Split('\n'))
        {
            if (line.TrimStart().StartsWith("options", StringComparison.Ordinal))
            {
                text.Append(line.TrimEnd('\r')).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>Moves the backup back over the file, or deletes the file when there was none before.</summary>
    public static void Restore(ResolvConfRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Backup is null)
        {
            File.Delete(record.Path);
        }
        else if (File.Exists(record.Backup) || new FileInfo(record.Backup).LinkTarget is not null)
        {
            File.Move(record.Backup, record.Path, overwrite: true);
        }
    }
}
