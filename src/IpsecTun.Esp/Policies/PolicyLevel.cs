namespace IpsecTun.Esp;

/// <summary>A policy's level: what happens when its SA is missing.</summary>
public enum PolicyLevel
{
    /// <summary>Drop the packet and acquire an SA.</summary>
    Require,

    /// <summary>Drop the packet and acquire an SA used only by this policy (clients behind one NAT).</summary>
    Unique,

    /// <summary>Send the packet unprotected and acquire nothing.</summary>
    Use,
}
