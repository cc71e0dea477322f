namespace IpsecTun.Platform;

/// <summary>
/// Linux's <c>net.ipv4.ip_forward</c> through procfs. Like every sysctl under <c>net</c> it belongs to the
/// process's network namespace; writing it sets the forwarding flag of every interface (conf/all).
/// </summary>
public sealed class ProcIpForwarding : IIpForwarding
{
    private readonly string _path;

    public ProcIpForwarding()
        : this("/proc/sys/net/ipv4/ip_forward")
    {
    }

    /// <summary>A forwarding switch in another file of the same format ("0" or "1"), for tests.</summary>
    public ProcIpForwarding(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = path;
    }

    public bool Ipv4Enabled
    {
        get => File.ReadAllText(_path).Trim() != "0";
        set => File.WriteAllText(_path, value ? "1\n" : "0\n");
    }
}
