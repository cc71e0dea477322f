namespace IpsecTun.Esp;

/// <summary>A policy's action: what happens to a packet it matches.</summary>
public enum PolicyAction
{
    /// <summary>Apply the policy's SA.</summary>
    Encrypt,

    /// <summary>Drop the packet.</summary>
    Discard,

    /// <summary>Pass the packet unchanged.</summary>
    None,
}
