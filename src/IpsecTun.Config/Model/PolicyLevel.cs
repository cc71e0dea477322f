namespace IpsecTun.Config;

/// <summary>A policy's level: what happens when its SA is missing.</summary>
public enum PolicyLevel
{
    /// <summary>Drop the packet and acquire an SA.</summary>
    Require,

    /// <summary>Drop the packet and acquire an SA used by this policy only (clients behind one NAT).</summary>
    Unique,

    /// <summary>Pass the packet without the transform and acquire nothing.</summary>
    Use,
}
