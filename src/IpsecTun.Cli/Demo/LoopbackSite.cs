namespace IpsecTun.Cli.Demo;

/// <summary>
/// Where one demo endpoint listens: the standard ports on every address in a namespace, or a loopback
/// address and high ports when the demo runs without root.
/// </summary>
internal sealed record LoopbackSite(string Address, int IkePort, int NatTraversalPort)
{
    public static readonly LoopbackSite Standard = new("", 500, 4500);
}
