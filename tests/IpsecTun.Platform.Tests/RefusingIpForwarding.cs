namespace IpsecTun.Platform.Tests;

/// <summary>A forwarding switch that is off and may not be written, as for a process without the right to.</summary>
internal sealed class RefusingIpForwarding : IIpForwarding
{
    public bool Ipv4Enabled
    {
        get => false;
        set => throw new UnauthorizedAccessException("Access to the path '/proc/sys/net/ipv4/ip_forward' is denied.");
    }
}
