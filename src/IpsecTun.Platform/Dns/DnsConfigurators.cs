using IpsecTun.Platform.State;

namespace IpsecTun.Platform.Dns;

/// <summary>Picks how DNS is handed to this system.</summary>
public static class DnsConfigurators
{
    /// <summary>
    /// resolvectl where systemd-resolved runs (it creates /run/systemd/resolve), else resolv.conf; inside a
    /// named network namespace always the namespace's own /etc/netns/NAME/resolv.conf, which
    /// <c>ip netns exec</c> mounts over /etc/resolv.conf, since the host's resolved does not serve it.
    /// </summary>
    /// <param name="networkNamespace">The named network namespace the endpoint runs in, or null for the host's.</param>
    /// <param name="state">The endpoint's state file, so a replaced resolv.conf is restored after a crash.</param>
    /// <param name="root">The file system root, changed by tests only.</param>
    public static IDnsConfigurator ForSystem(string? networkNamespace, StateFile? state, string root = "/")
    {
        if (networkNamespace is not null)
        {
            if (networkNamespace.Length == 0 || networkNamespace.IndexOfAny(['/', '\0']) >= 0 || networkNamespace is "." or "..")
            {
                throw new ArgumentException("A network namespace name is a plain file name.", nameof(networkNamespace));
            }

            return new ResolvConfDnsConfigurator(Path.Combine(root, "etc", "netns", networkNamespace, "resolv.conf"), state);
        }

        return Directory.Exists(Path.Combine(root, "run", "systemd", "resolve"))
            ? new ResolvectlDnsConfigurator(new ProcessCommandRunner())
            : new ResolvConfDnsConfigurator(Path.Combine(root, "etc", "resolv.conf"), state);
    }
}
