namespace IpsecTun.Platform;

/// <summary>How the system treats outer packets (IKE, ESP-in-UDP) larger than the path MTU.</summary>
public enum OuterFragmentation
{
    /// <summary>The socket keeps the system's setting (net.ipv4.ip_no_pmtu_disc).</summary>
    SystemDefault,

    /// <summary>Path MTU discovery: IPv4 packets carry DF and a send larger than the known path MTU fails.</summary>
    DontFragment,

    /// <summary>No DF: the system fragments what does not fit, as a peer behind a broken PMTU path may need.</summary>
    Fragment,
}
