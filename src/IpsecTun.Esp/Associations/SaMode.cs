namespace IpsecTun.Esp;

/// <summary>Whether an SA carries whole IP packets (tunnel) or the payload of the peers' own packets (transport).</summary>
public enum SaMode
{
    Tunnel,
    Transport,
}
