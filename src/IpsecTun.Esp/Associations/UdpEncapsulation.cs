namespace IpsecTun.Esp;

/// <summary>The UDP ports of an SA that is UDP-encapsulated (RFC 3948) because NAT was detected.</summary>
public sealed record UdpEncapsulation(ushort LocalPort, ushort RemotePort)
{
    /// <summary>The IKE NAT-T port, 4500.</summary>
    public const ushort NatTraversalPort = 4500;

    public static UdpEncapsulation Default { get; } = new(NatTraversalPort, NatTraversalPort);
}
